package io.leadsuite.lines;

import io.leadsuite.lines.provisioning.SimulatedCarrier;
import io.leadsuite.testkit.LinesApi;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.TestClock;
import io.leadsuite.testkit.WithInfrastructure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * lines-service on a random port against the test kit's Kafka, MongoDB and issuer, with a clock tests
 * can move, the simulated carrier (off by default) answering after a second, and recovery that acts on anything older
 * than two seconds. The tests extending it share one application context.
 */
@WithInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "leadsuite.lines.provisioning.simulator.enabled=true",
            "leadsuite.lines.provisioning.simulator.delay=1s",
            "leadsuite.lines.provisioning.dispatch-interval=PT1S",
            "leadsuite.lines.slots.grace=2s",
            "leadsuite.lines.slots.recovery-interval=PT1S"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestClock.Configuration.class)
public abstract class LinesServiceIT {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = LinesApi.JSON;

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected TestClock clock;

    @Autowired
    protected SimulatedCarrier carrier;

    @LocalServerPort
    protected int port;

    /** Buying, reading lines and counters, as a user with a token. */
    protected LinesApi api;

    @BeforeEach
    void api() {
        api = new LinesApi(http);
    }

    @AfterEach
    void restoreTimeAndCarrier() {
        clock.reset();
        carrier.failOrders(false);
        carrier.answerAfter(null);
    }

    /** A non-blocking client, for firing hundreds of requests at once. */
    protected WebClient concurrentClient() {
        return WebClient.create("http://localhost:" + port);
    }

    protected static String newWorkspace() {
        return "org_" + UUID.randomUUID();
    }

    protected static String member(String workspaceId) {
        return SharedInfrastructure.jwtIssuer()
                .token("user_" + UUID.randomUUID())
                .org(workspaceId, "org:member")
                .sign();
    }

    protected static String admin(String workspaceId) {
        return SharedInfrastructure.jwtIssuer().mint("user_" + UUID.randomUUID(), workspaceId);
    }

    protected static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    protected static Map<String, Object> profile(String firstName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", firstName.toLowerCase() + "@example.com");
        body.put("firstName", firstName);
        body.put("lastName", "Sender");
        return body;
    }

    protected void setFreeLines(String workspaceId, int freeLines, @Nullable String timeZone) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("freeLinesIncluded", freeLines);
        if (timeZone != null) {
            patch.put("timeZone", timeZone);
        }
        http.patch()
                .uri("/api/organizations/current/lines")
                .headers(bearer(admin(workspaceId)))
                .bodyValue(patch)
                .exchange()
                .expectStatus()
                .isOk();
    }

    protected static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
