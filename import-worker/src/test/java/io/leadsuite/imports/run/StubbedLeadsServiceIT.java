package io.leadsuite.imports.run;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.SyncRequest;
import io.leadsuite.common.events.Topics;
import io.leadsuite.imports.ImportApi;
import io.leadsuite.simulators.hubspot.HubSpotSimulator;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker against the real store and broker, writing to a stand-in of leads-service's batch
 * endpoint over HTTP (the real one is exercised by the local stack's test), each application in a
 * consumer group of its own for import requests, reading HubSpot from the simulator. Subclasses say how it runs with {@code @SpringBootTest} properties.
 */
@WithInfrastructure
@AutoConfigureWebTestClient(timeout = "60s")
abstract class StubbedLeadsServiceIT {

    static final LeadsServiceStub leads = new LeadsServiceStub();

    /**
     * The contacts the simulated HubSpot portal starts with: 25,000 for the import tests; fewer where a
     * JVM of its own only needs a job that lasts a few seconds (the worker-process tests, see the pom).
     */
    static final int HUBSPOT_CONTACTS = Integer.getInteger("leadsuite.test.hubspot-contacts", 25_000);

    /**
     * One simulated HubSpot and one stand-in of integrations-service for every context of this JVM: the
     * contexts stay cached side by side, share the store and the consumer groups of the bindings, so any
     * of them may take a sync request, run a HubSpot job or push a change, and each must do it against
     * the same HubSpot.
     */
    static final HubSpotSimulator hubspot = HubSpotSimulator.start(
            HubSpotSimulator.Settings.defaults().withContacts(HUBSPOT_CONTACTS).withSearchLag(Duration.ZERO));

    static final IntegrationsServiceStub integrations = new IntegrationsServiceStub(hubspot);

    private static final JsonMapper EVENTS = JsonMapper.builder().build();

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

    /** Publishes a sync request of the integration, as integrations-service does, and answers its job id. */
    static String requestSync(String user, ObjectId integration) {
        return requestSync(user, integration, new ObjectId().toHexString());
    }

    /** Publishes a sync request of the integration under the given job id, and answers it. */
    static String requestSync(String user, ObjectId integration, String jobId) {
        SyncRequest request = new SyncRequest(
                jobId,
                integration.toHexString(),
                "hubspot",
                String.valueOf(hubspot.hubId()),
                Map.of(),
                false,
                "manual");
        EventEnvelope<SyncRequest> envelope = EventEnvelope.of(
                SyncRequest.REQUESTED,
                "integrations-service",
                Instant.now(),
                new EventEnvelope.Tenant(user, null),
                request);
        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            sender.send(Topics.SYNC_REQUESTS, integration.toHexString(), EVENTS.writeValueAsString(envelope));
        }
        return jobId;
    }

    @BeforeEach
    void client() {
        api = new ImportApi(http);
    }
}
