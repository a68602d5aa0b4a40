package io.leadsuite.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import io.leadsuite.integrations.crypto.Keysets;
import io.leadsuite.simulators.hubspot.HubSpotSimulator;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.TestClock;
import io.leadsuite.testkit.WithInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * integrations-service on a random port against the test kit's Kafka, MongoDB and issuer, and a HubSpot
 * simulator; the tests extending it share one application context. Browsers are played by plain HTTP
 * calls: the consent form is posted to the simulator as its Allow button would, and its redirect is
 * followed to the service's callback.
 */
@WithInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "leadsuite.integrations.scheduler-interval=500ms")
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestClock.Configuration.class)
public abstract class IntegrationsServiceIT {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    /** The frontend the flows return to. */
    protected static final String FRONTEND = "http://app.example.test";

    /** Where browsers reach the suite; the callback is under it (tests call it on the random port instead). */
    protected static final String PUBLIC_URL = "http://suite.example.test";

    protected static final HubSpotSimulator hubspot =
            HubSpotSimulator.start(HubSpotSimulator.Settings.defaults().withSearchLag(Duration.ZERO));

    /** Two keys: the second is primary, the first one is "old" (its ciphertexts are re-encrypted). */
    protected static final KeysetHandle OLD_KEYSET = Keysets.generate();

    protected static final KeysetHandle KEYSET = Keysets.rotate(OLD_KEYSET);

    private final HttpClient browser = HttpClient.newHttpClient();

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected TestClock clock;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void integrations(DynamicPropertyRegistry registry) {
        registry.add("leadsuite.integrations.keyset", () -> Keysets.toJson(KEYSET));
        registry.add("leadsuite.integrations.public-url", () -> PUBLIC_URL);
        registry.add("leadsuite.integrations.frontend-origins", () -> FRONTEND);
        registry.add("leadsuite.integrations.hubspot.client-id", hubspot::clientId);
        registry.add("leadsuite.integrations.hubspot.client-secret", hubspot::clientSecret);
        registry.add("leadsuite.integrations.hubspot.authorize-url", () -> hubspot.baseUrl() + "/oauth/authorize");
        registry.add(
                "leadsuite.integrations.hubspot.api-base-url",
                () -> hubspot.baseUrl().toString());
    }

    @AfterEach
    void resetSwitches() {
        clock.reset();
        hubspot.refuseRefreshTokens(false);
        hubspot.accessTokenLifetime(Duration.ofMinutes(30));
    }

    protected static String newUser() {
        return "user_" + UUID.randomUUID();
    }

    protected static String token(String userId) {
        return SharedInfrastructure.jwtIssuer().mint(userId);
    }

    protected static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    /** {@code POST /api/integrations/hubspot}: the consent URL. */
    protected URI startConnecting(String token, String returnTo) {
        Map<String, Object> body = returnTo == null ? Map.of() : Map.of("returnTo", returnTo);
        Map<String, Object> answer = http.post()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        return URI.create((String) answer.get("authorizeUrl"));
    }

    /** The consent page's button: the simulator's redirect to our callback, as a path on this service. */
    protected String consent(URI authorizeUrl, String decision) {
        Map<String, String> form = new LinkedHashMap<>(query(authorizeUrl));
        form.put("decision", decision);
        try {
            HttpResponse<String> redirect = browser.send(
                    HttpRequest.newBuilder(hubspot.baseUrl().resolve("/oauth/authorize"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                                    .map(e ->
                                            e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                                    .collect(Collectors.joining("&"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(302);
            URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(PUBLIC_URL + "/api/integrations/hubspot/callback?");
            return location.getRawPath() + "?" + location.getRawQuery();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Follows the provider's redirect to our callback, without a session token; returns where it sends the browser. */
    protected URI callback(String pathAndQuery) {
        String location = http.get()
                .uri(URI.create("http://localhost:" + port + pathAndQuery))
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.LOCATION);
        return URI.create(location);
    }

    /** Connects the user's HubSpot through the whole flow and returns the config. */
    protected Map<String, Object> connect(String token) {
        URI landed = callback(consent(startConnecting(token, FRONTEND + "/settings/integrations"), "allow"));
        assertThat(query(landed)).containsEntry("status", "connected").containsEntry("integration", "hubspot");
        return integration(token);
    }

    protected Map<String, Object> integration(String token) {
        return http.get()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> settings(Map<String, Object> config) {
        return (Map<String, Object>) config.get("settings");
    }

    protected static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
