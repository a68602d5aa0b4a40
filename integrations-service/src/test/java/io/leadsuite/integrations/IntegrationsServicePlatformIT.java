package io.leadsuite.integrations;

import io.leadsuite.common.testkit.PlatformConformanceIT;

class IntegrationsServicePlatformIT extends PlatformConformanceIT {}
