package io.leadsuite.imports;

import io.leadsuite.testkit.PlatformConformanceIT;
import io.leadsuite.testkit.WithInfrastructure;
import org.springframework.test.context.TestPropertySource;

/**
 * import-worker also needs Kafka (its request consumer and job-event relay); in a consumer group of its
 * own, so it never takes another test context's requests, and without the HubSpot sync and push
 * consumers, which only the HubSpot tests' context runs.
 */
@WithInfrastructure
@TestPropertySource(
        properties = {
            "leadsuite.imports.consumer-group=import-worker-conformance",
            "leadsuite.imports.push-enabled=false",
            "spring.cloud.function.definition=integrationChanges"
        })
class ImportWorkerPlatformIT extends PlatformConformanceIT {}
