package io.leadsuite.lines;

import io.leadsuite.common.testkit.PlatformConformanceIT;

class LinesServicePlatformIT extends PlatformConformanceIT {}
