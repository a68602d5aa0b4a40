package io.leadsuite.leads;

import io.leadsuite.common.testkit.PlatformConformanceIT;
import io.leadsuite.common.testkit.WithInfrastructure;

/** leads-service also needs Kafka (its event relay and list consumer). */
@WithInfrastructure
class LeadsServicePlatformIT extends PlatformConformanceIT {}
