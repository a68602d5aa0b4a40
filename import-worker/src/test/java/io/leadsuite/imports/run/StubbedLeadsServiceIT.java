package io.leadsuite.imports.run;

import io.leadsuite.imports.ImportApi;
import io.leadsuite.simulators.hubspot.HubSpotSimulator;
import io.leadsuite.testkit.WithInfrastructure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The worker against the real store and broker, writing to a stand-in of leads-service's batch
 * endpoint over HTTP (the real one is exercised by the local stack's test), each application in a
 * consumer group of its own for import requests, reading HubSpot from the simulator. Subclasses say how it runs with {@code @SpringBootTest} properties.
 */
@WithInfrastructure
@AutoConfigureWebTestClient(timeout = "60s")
abstract class StubbedLeadsServiceIT {

    static final LeadsServiceStub leads = new LeadsServiceStub();

    /** The contacts the simulated HubSpot portal starts with. */
    static final int HUBSPOT_CONTACTS = 25_000;

    /**
     * One simulated HubSpot and one stand-in of integrations-service for every context of this JVM: the
     * contexts stay cached side by side, share the store and the consumer groups of the bindings, so any
     * of them may take a sync request, run a HubSpot job or push a change, and each must do it against
     * the same HubSpot.
     */
    static final HubSpotSimulator hubspot = HubSpotSimulator.start(
            HubSpotSimulator.Settings.defaults().withContacts(HUBSPOT_CONTACTS).withSearchLag(Duration.ZERO));

    static final IntegrationsServiceStub integrations = new IntegrationsServiceStub(hubspot);

    @Autowired
    WebTestClient http;

    ImportApi api;

    @DynamicPropertySource
    static void leadsService(DynamicPropertyRegistry registry) {
        registry.add("leadsuite.imports.leads-service-url", leads::url);
        registry.add("leadsuite.imports.consumer-group", () -> "import-worker-" + UUID.randomUUID());
        registry.add(
                "leadsuite.imports.hubspot.api-base-url",
                () -> hubspot.baseUrl().toString());
        registry.add("leadsuite.imports.integrations-service-url", integrations::url);
        registry.add("leadsuite.imports.hubspot.search-lag", () -> "0s");
        registry.add("leadsuite.imports.access-token-margin", () -> "2s");
    }

    @BeforeEach
    void client() {
        api = new ImportApi(http);
    }
}
