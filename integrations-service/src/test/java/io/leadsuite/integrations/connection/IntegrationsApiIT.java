package io.leadsuite.integrations.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.integrations.IntegrationsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class IntegrationsApiIT extends IntegrationsServiceIT {

    @Test
    void theListShowsTheCallersConnectionsOnly() {
        String token = token(newUser());
        assertThat(list(token)).isEmpty();
        String id = (String) connect(token).get("id");

        assertThat(list(token))
                .singleElement()
                .satisfies(config -> assertThat(config)
                        .containsEntry("id", id)
                        .containsEntry("type", "hubspot")
                        .doesNotContainKey("credentials"));
        assertThat(list(token(newUser()))).isEmpty();
    }

    @Test
    void anotherUsersIntegrationIsNotFoundForReadChangeAndDisconnect() {
        String owner = token(newUser());
        connect(owner);
        String intruder = token(newUser());

        http.get()
                .uri("/api/integrations/hubspot")
                .headers(bearer(intruder))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.patch()
                .uri("/api/integrations/hubspot")
                .headers(bearer(intruder))
                .bodyValue(Map.of("autoSync", false))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.delete()
                .uri("/api/integrations/hubspot")
                .headers(bearer(intruder))
                .exchange()
                .expectStatus()
                .isNotFound();

        assertThat(integration(owner)).containsEntry("isActive", true);
        assertThat(settings(integration(owner))).containsEntry("autoSync", true);
    }

    @Test
    void settingsChangeByMergePatch() {
        String token = token(newUser());
        connect(token);

        http.patch()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token))
                .bodyValue(Map.of(
                        "autoSync",
                        false,
                        "syncInterval",
                        15,
                        "fieldMappings",
                        Map.of("mobilephone", "phone", "hs_lead_status", "customFields.leadStatus")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.settings.autoSync")
                .isEqualTo(false)
                .jsonPath("$.settings.syncInterval")
                .isEqualTo(15)
                .jsonPath("$.settings.fieldMappings.hs_lead_status")
                .isEqualTo("customFields.leadStatus");

        http.patch()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token))
                .bodyValue(Map.of("syncInterval", 30))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.settings.autoSync")
                .isEqualTo(false)
                .jsonPath("$.settings.fieldMappings.mobilephone")
                .isEqualTo("phone");
    }

    @Test
    void badSettingsAreRefusedNamingTheEntry() {
        String token = token(newUser());
        connect(token);

        refused(token, Map.of("syncInterval", 4), "syncInterval");
        refused(token, Map.of("syncInterval", 1441), "syncInterval");
        refused(token, Map.of("syncInterval", 7.5), "syncInterval");
        refused(token, Map.of("syncInterval", "10"), "syncInterval");
        refused(token, Map.of("autoSync", "yes"), "autoSync");
        refused(token, Map.of("fieldMappings", Map.of("jobtitle", "title")), "fieldMappings.jobtitle");
        refused(token, Map.of("fieldMappings", Map.of("x", "customFields.")), "fieldMappings.x");
        refused(token, Map.of("fieldMappings", List.of("phone")), "fieldMappings");
        refused(token, Map.of("lastSyncAt", "2026-01-01T00:00:00Z"), "lastSyncAt");

        assertThat(settings(integration(token))).containsEntry("syncInterval", 60);
    }

    @Test
    void disconnectingRevokesAtHubSpotDeletesTheCredentialsAndAllowsConnectingAgain() {
        String token = token(newUser());
        String id = (String) connect(token).get("id");
        http.patch()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token))
                .bodyValue(Map.of("syncInterval", 15))
                .exchange()
                .expectStatus()
                .isOk();
        long revocations = hubspot.calls("revoke");
        try (EventRecorder events =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.INTEGRATION_CHANGES)) {

            http.delete()
                    .uri("/api/integrations/hubspot")
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            assertThat(hubspot.calls("revoke")).isEqualTo(revocations + 1);
            http.get()
                    .uri("/api/integrations/hubspot")
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            assertThat(list(token)).isEmpty();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(events.withKey(id))
                            .anySatisfy(event -> assertThat(event.value()).contains("IntegrationDisconnected")));
        }

        Map<String, Object> again = connect(token);
        assertThat(again).containsEntry("isActive", true);
        assertThat(settings(again)).containsEntry("syncInterval", 60);
    }

    @Test
    void disconnectingWhatIsNotConnectedIsNotFound() {
        http.delete()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token(newUser())))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void refused(String token, Map<String, Object> patch, String field) {
        http.patch()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token))
                .bodyValue(patch)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    private List<Map<String, Object>> list(String token) {
        return http.get()
                .uri("/api/integrations")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
    }
}
