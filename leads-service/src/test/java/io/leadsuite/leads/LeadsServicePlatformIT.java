package io.leadsuite.leads;

import io.leadsuite.testkit.PlatformConformanceIT;
import io.leadsuite.testkit.WithInfrastructure;

/** leads-service also needs Kafka (its event relay and list consumer). */
@WithInfrastructure
class LeadsServicePlatformIT extends PlatformConformanceIT {}
