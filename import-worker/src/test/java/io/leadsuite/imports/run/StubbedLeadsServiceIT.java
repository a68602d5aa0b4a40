package io.leadsuite.imports.run;

import io.leadsuite.imports.ImportApi;
import io.leadsuite.testkit.WithInfrastructure;
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
 * consumer group of its own. Subclasses say how it runs with {@code @SpringBootTest} properties.
 */
@WithInfrastructure
@AutoConfigureWebTestClient(timeout = "60s")
abstract class StubbedLeadsServiceIT {

    static final LeadsServiceStub leads = new LeadsServiceStub();

    @Autowired
    WebTestClient http;

    ImportApi api;

    @DynamicPropertySource
    static void leadsService(DynamicPropertyRegistry registry) {
        registry.add("leadsuite.imports.leads-service-url", leads::url);
        registry.add("leadsuite.imports.consumer-group", () -> "import-worker-" + UUID.randomUUID());
    }

    @BeforeEach
    void client() {
        api = new ImportApi(http);
    }
}
