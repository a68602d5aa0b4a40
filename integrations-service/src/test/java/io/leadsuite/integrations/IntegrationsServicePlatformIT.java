package io.leadsuite.integrations;

import io.leadsuite.testkit.PlatformConformanceIT;

class IntegrationsServicePlatformIT extends PlatformConformanceIT {}
