package io.leadsuite.integrations.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.common.security.InternalApi;
import io.leadsuite.integrations.IntegrationsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Flux;

@ExtendWith(OutputCaptureExtension.class)
class AccessTokensIT extends IntegrationsServiceIT {

    @Test
    void aFreshTokenIsHandedOutWithoutRefreshing() {
        String id = (String) connect(token(newUser())).get("id");
        long refreshes = hubspot.calls("token:refresh_token");

        Map<String, Object> access = accessToken(id);

        assertThat((String) access.get("accessToken")).startsWith("CKD");
        assertThat(access).containsEntry("accountId", String.valueOf(hubspot.hubId()));
        assertThat(hubspot.calls("token:refresh_token")).isEqualTo(refreshes);
    }

    @Test
    void aTokenCloseToExpiryIsRefreshedOnceEvenWhenManyAskAtOnce() {
        String id = (String) connect(token(newUser())).get("id");
        String before = (String) accessToken(id).get("accessToken");
        long refreshes = hubspot.calls("token:refresh_token");
        clock.advance(Duration.ofMinutes(26));

        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        Flux.range(0, 20)
                .flatMap(i -> http.post()
                        .uri("/internal/integrations/{id}/access-token", id)
                        .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                        .exchange()
                        .returnResult(JSON)
                        .getResponseBody())
                .doOnNext(access -> handedOut.add((String) access.get("accessToken")))
                .blockLast(Duration.ofSeconds(60));

        assertThat(hubspot.calls("token:refresh_token")).isEqualTo(refreshes + 1);
        assertThat(handedOut).hasSize(1).doesNotContain(before);
    }

    @Test
    void aRefusedRefreshMarksTheConfigReconnectRequiredAndSaysSo() {
        String token = token(newUser());
        String id = (String) connect(token).get("id");
        hubspot.refuseRefreshTokens(true);
        clock.advance(Duration.ofMinutes(26));
        try (EventRecorder events =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.INTEGRATION_CHANGES)) {

            http.post()
                    .uri("/internal/integrations/{id}/access-token", id)
                    .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.lastError")
                    .isEqualTo("reconnect required");

            assertThat(integration(token))
                    .containsEntry("isActive", false)
                    .containsEntry("lastError", "reconnect required");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(events.withKey(id))
                            .anySatisfy(event -> assertThat(event.value())
                                    .contains("IntegrationReconnectRequired")
                                    .contains("reconnect required")));
        }
        hubspot.refuseRefreshTokens(false);
        assertThat(integration(token)).containsEntry("isActive", false);
        assertThat(query(callback(consent(startConnecting(token, null), "allow"))))
                .containsEntry("status", "connected");
        assertThat(integration(token)).containsEntry("isActive", true).containsEntry("lastError", null);
    }

    @Test
    void theInternalTokenEndpointNeedsTheInternalSecret() {
        String id = (String) connect(token(newUser())).get("id");

        http.post()
                .uri("/internal/integrations/{id}/access-token", id)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/internal/integrations/{id}/access-token", id)
                .header(InternalApi.TOKEN_HEADER, "guess")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/internal/integrations/{id}/access-token", id)
                .headers(bearer(token(newUser())))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void noTokenAppearsInAnyResponseLogOrEventOfAConnectRefreshDisconnect(CapturedOutput output) {
        String token = token(newUser());
        try (EventRecorder events =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.INTEGRATION_CHANGES)) {
            Map<String, Object> connected = connect(token);
            String id = (String) connected.get("id");
            clock.advance(Duration.ofMinutes(26));
            accessToken(id);
            String shown = http.get()
                    .uri("/api/integrations")
                    .headers(bearer(token))
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            http.delete()
                    .uri("/api/integrations/hubspot")
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(events.withKey(id)).hasSize(2));

            List<String> issued = hubspot.issuedTokens();
            assertThat(issued).hasSizeGreaterThanOrEqualTo(3);
            for (String secret : issued) {
                assertThat(shown).doesNotContain(secret);
                assertThat(output.getAll()).doesNotContain(secret);
                events.events().forEach(event -> assertThat(event.value()).doesNotContain(secret));
            }
            assertThat(output.getAll()).contains("Refreshed the access token of integration " + id);
        }
    }

    private Map<String, Object> accessToken(String id) {
        return http.post()
                .uri("/internal/integrations/{id}/access-token", id)
                .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
