package io.leadsuite.leads;

import io.leadsuite.common.events.Topics;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.LeadsApi;
import io.leadsuite.testkit.LocalJwtIssuer;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.WithInfrastructure;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * leads-service on a random port against the test kit's Kafka, MongoDB and issuer, with a stub
 * lists-service; the tests extending it share one application context.
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class LeadsServiceIT {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = LeadsApi.JSON;

    /** One for the whole test JVM. */
    protected static final StubListsService lists = new StubListsService();

    @Autowired
    protected WebTestClient http;

    @DynamicPropertySource
    static void listsService(DynamicPropertyRegistry registry) {
        registry.add("LISTS_SERVICE_URL", lists::url);
    }

    protected static String newUser() {
        return "user_" + UUID.randomUUID();
    }

    protected static String token(String userId) {
        return SharedInfrastructure.jwtIssuer().mint(userId);
    }

    protected static LocalJwtIssuer issuer() {
        return SharedInfrastructure.jwtIssuer();
    }

    protected static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    /** A minimal valid lead body, to add fields to. */
    protected static Map<String, Object> lead(String firstName, String email) {
        return LeadsApi.lead(firstName, email);
    }

    protected LeadsApi api() {
        return new LeadsApi(http);
    }

    protected Map<String, Object> create(String token, Map<String, Object> body) {
        return api().create(token, body);
    }

    protected WebTestClient.ResponseSpec get(String token, String uri) {
        return api().get(token, uri);
    }

    /** Publishes a list event as lists-service would. */
    protected static void listEvent(String type, String userId, ObjectId listId, Boolean deleteLeads) {
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"" + Instant.now() + "\",\"source\":\"lists-service\","
                + "\"tenant\":{\"userId\":\"" + userId + "\",\"workspaceId\":null},"
                + "\"data\":{\"listId\":\"" + listId.toHexString() + "\",\"name\":\"List\",\"deleteLeads\":"
                + deleteLeads + "}}";
        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            sender.send(Topics.LIST_CHANGES, listId.toHexString(), json);
        }
    }
}
