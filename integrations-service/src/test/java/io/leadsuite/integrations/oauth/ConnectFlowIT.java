package io.leadsuite.integrations.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.integrations.IntegrationsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.SharedInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

class ConnectFlowIT extends IntegrationsServiceIT {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void connectingStoresTheGrantEncryptedAndReturnsTheBrowserConnected() {
        String user = newUser();
        String token = token(user);
        try (EventRecorder events =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.INTEGRATION_CHANGES)) {
            URI authorize = startConnecting(token, FRONTEND + "/settings/integrations?tab=crm");
            Map<String, String> asked = query(authorize);
            assertThat(authorize.toString()).startsWith(hubspot.baseUrl() + "/oauth/authorize?");
            assertThat(asked)
                    .containsEntry("client_id", hubspot.clientId())
                    .containsEntry("redirect_uri", PUBLIC_URL + "/api/integrations/hubspot/callback")
                    .containsEntry("code_challenge_method", "S256")
                    .containsKeys("state", "code_challenge");
            assertThat(asked.get("state")).hasSizeGreaterThanOrEqualTo(43);

            URI landed = callback(consent(authorize, "allow"));

            assertThat(landed.toString())
                    .isEqualTo(FRONTEND + "/settings/integrations?tab=crm&integration=hubspot&status=connected");
            Map<String, Object> config = integration(token);
            assertThat(config)
                    .containsEntry("type", "hubspot")
                    .containsEntry("isActive", true)
                    .containsEntry("accountId", String.valueOf(hubspot.hubId()))
                    .doesNotContainKey("credentials");
            assertThat(settings(config)).containsEntry("autoSync", true).containsEntry("syncInterval", 60);
            Document stored = raw(user);
            Document credentials = stored.get("credentials", Document.class);
            assertThat(credentials.getString("accountId")).isEqualTo(String.valueOf(hubspot.hubId()));
            assertThat(credentials.getString("sealed")).isNotBlank();
            assertThat(credentials.keySet()).doesNotContain("accessToken", "refreshToken");
            String json = stored.toJson();
            hubspot.issuedTokens().forEach(issued -> assertThat(json).doesNotContain(issued));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(events.withKey((String) config.get("id")))
                            .anySatisfy(event -> assertThat(event.value())
                                    .contains("IntegrationConnected")
                                    .contains(String.valueOf(hubspot.hubId()))));
            events.events()
                    .forEach(event -> hubspot.issuedTokens()
                            .forEach(issued -> assertThat(event.value()).doesNotContain(issued)));
        }
    }

    @Test
    void anUnknownStateStoresNothingAndReturnsToTheFrontendWithTheReason() {
        String user = newUser();
        startConnecting(token(user), null);

        URI landed = callback("/api/integrations/hubspot/callback?code=anything&state=made-up");

        assertThat(landed.toString()).isEqualTo(FRONTEND + "/?integration=hubspot&status=error&reason=invalid_state");
        assertThat(raw(user)).isNull();
    }

    @Test
    void aStateWorksOnce() {
        String user = newUser();
        String back = consent(startConnecting(token(user), FRONTEND + "/x"), "allow");
        assertThat(query(callback(back))).containsEntry("status", "connected");
        String firstConnection = raw(user).get("credentials", Document.class).getString("sealed");

        URI replay = callback(back);

        assertThat(query(replay)).containsEntry("status", "error").containsEntry("reason", "invalid_state");
        assertThat(raw(user).get("credentials", Document.class).getString("sealed"))
                .isEqualTo(firstConnection);
    }

    @Test
    void anExpiredStateStoresNothing() {
        String user = newUser();
        String back = consent(startConnecting(token(user), FRONTEND + "/x"), "allow");
        clock.advance(Duration.ofMinutes(11));

        URI landed = callback(back);

        assertThat(landed.toString()).isEqualTo(FRONTEND + "/x?integration=hubspot&status=error&reason=expired_state");
        assertThat(raw(user)).isNull();
    }

    @Test
    void aRefusedConsentStoresNothing() {
        String user = newUser();

        URI landed = callback(consent(startConnecting(token(user), FRONTEND + "/x"), "deny"));

        assertThat(query(landed)).containsEntry("status", "error").containsEntry("reason", "access_denied");
        assertThat(raw(user)).isNull();
    }

    @Test
    void aCodeThatDoesNotExchangeStoresNothing() {
        String user = newUser();
        URI authorize = startConnecting(token(user), FRONTEND + "/x");

        URI landed = callback("/api/integrations/hubspot/callback?code=forged&state="
                + query(authorize).get("state"));

        assertThat(query(landed)).containsEntry("reason", "exchange_failed");
        assertThat(raw(user)).isNull();
    }

    @Test
    void returnToOutsideTheFrontendOriginsIsRefused() {
        for (String evil : new String[] {
            "https://evil.example/phish",
            "http://app.example.test.evil.example/",
            "//evil.example/",
            "javascript:alert(1)",
            "http://user@app.example.test/",
            "http://app.example.test:8443/"
        }) {
            http.post()
                    .uri("/api/integrations/hubspot")
                    .headers(bearer(token(newUser())))
                    .bodyValue(Map.of("returnTo", evil))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("returnTo");
        }
    }

    @Test
    void anUnknownProviderIsNotFound() {
        http.post()
                .uri("/api/integrations/myspace")
                .headers(bearer(token(newUser())))
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void startingNeedsASessionButTheCallbackDoesNot() {
        http.post()
                .uri("/api/integrations/hubspot")
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get().uri("/api/integrations/hubspot").exchange().expectStatus().isUnauthorized();
        http.get()
                .uri("/api/integrations/hubspot/callback?state=x&code=y")
                .exchange()
                .expectStatus()
                .isFound();
    }

    private Document raw(String userId) {
        return mongo.getCollection("integration_configs")
                .flatMap(collection -> Mono.from(
                        collection.find(new Document("userId", userId)).first()))
                .block(Duration.ofSeconds(10));
    }
}
