package io.leadsuite.lines;

import io.leadsuite.testkit.PlatformConformanceIT;
import io.leadsuite.testkit.WithInfrastructure;
import org.springframework.test.context.TestPropertySource;

/**
 * lines-service also needs Kafka (its line-event relay and provisioning-result consumer) and a carrier
 * (the simulated one); in a consumer group and a database of its own, so its scheduled jobs never act
 * on another test context's lines.
 */
@WithInfrastructure
@TestPropertySource(
        properties = {
            "spring.cloud.stream.bindings.provisioningResults-in-0.group=lines-service-conformance",
            "spring.mongodb.database=lines-conformance",
            "leadsuite.lines.provisioning.simulator.enabled=true"
        })
class LinesServicePlatformIT extends PlatformConformanceIT {}
