package io.leadsuite.gateway;

import io.leadsuite.testkit.Component;
import io.leadsuite.testkit.WithInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real gateway on a random port whose leads, lists, integrations and imports routes lead to a {@link StubService};
 * subclasses add the properties they exercise.
 */
@WithInfrastructure(Component.JWT_ISSUER)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "10s")
abstract class GatewayWithStubServicesIT {

    /** One stub for the whole test JVM (its threads are daemons), shared by every gateway context. */
    static final StubService stub = new StubService();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void routesToTheStub(DynamicPropertyRegistry registry) {
        registry.add("LEADS_SERVICE_URL", stub::url);
        registry.add("LISTS_SERVICE_URL", stub::url);
        registry.add("IMPORT_WORKER_URL", stub::url);
        registry.add("INTEGRATIONS_SERVICE_URL", stub::url);
    }
}
