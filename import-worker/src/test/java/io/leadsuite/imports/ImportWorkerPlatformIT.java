package io.leadsuite.imports;

import io.leadsuite.testkit.PlatformConformanceIT;

class ImportWorkerPlatformIT extends PlatformConformanceIT {}
