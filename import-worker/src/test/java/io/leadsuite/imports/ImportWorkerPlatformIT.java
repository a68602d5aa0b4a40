package io.leadsuite.imports;

import io.leadsuite.common.testkit.PlatformConformanceIT;

class ImportWorkerPlatformIT extends PlatformConformanceIT {}
