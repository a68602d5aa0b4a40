package io.leadsuite.lists;

import io.leadsuite.common.testkit.PlatformConformanceIT;

class ListsServicePlatformIT extends PlatformConformanceIT {}
