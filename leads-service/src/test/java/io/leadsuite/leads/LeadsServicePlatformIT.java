package io.leadsuite.leads;

import io.leadsuite.common.testkit.PlatformConformanceIT;

class LeadsServicePlatformIT extends PlatformConformanceIT {}
