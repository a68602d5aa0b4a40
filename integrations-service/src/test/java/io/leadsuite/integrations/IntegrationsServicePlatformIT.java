package io.leadsuite.integrations;

import io.leadsuite.integrations.crypto.Keysets;
import io.leadsuite.testkit.PlatformConformanceIT;
import io.leadsuite.testkit.WithInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** integrations-service also needs Kafka (its integration-event relay) and a credentials keyset. */
@WithInfrastructure
class IntegrationsServicePlatformIT extends PlatformConformanceIT {

    @DynamicPropertySource
    static void keyset(DynamicPropertyRegistry registry) {
        registry.add("leadsuite.integrations.keyset", () -> Keysets.toJson(Keysets.generate()));
    }
}
