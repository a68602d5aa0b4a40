package io.leadsuite.lines.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.lines.LinesServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProvisioningIT extends LinesServiceIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theCarriersAnswerActivatesTheLineWithTheNumberItAssigned() {
        String token = member(newWorkspace());
        String id = api.buyId(token, profile("Linus"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "active".equals(api.line(token, id).get("provisioningStatus")));

        Map<String, Object> line = api.line(token, id);
        assertThat(line).containsEntry("isActive", true).containsEntry("provisioningOverdue", false);
        assertThat((String) line.get("phone")).matches("\\+1202555\\d{4}");
        assertThat(line.get("provisionedAt")).isNotNull();
    }

    @Test
    void aFailedLineRecordsTheReasonAndGivesItsSlotBack() {
        String workspace = newWorkspace();
        setFreeLines(workspace, 1, null);
        String token = member(workspace);
        carrier.failOrders(true);
        String id = api.buyId(token, profile("Unlucky"));
        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 1).containsEntry("totalLinesCount", 1);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "failed".equals(api.line(token, id).get("provisioningStatus")));

        assertThat(api.line(token, id))
                .containsEntry("isActive", false)
                .containsEntry("failureReason", "The carrier rejected the number request");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.counters(token))
                        .containsEntry("freeLinesUsed", 0)
                        .containsEntry("totalLinesCount", 0));
        carrier.failOrders(false);
        assertThat(api.buy(token, profile("Lucky"))).containsEntry("billingType", "free");
    }

    @Test
    void aLineStillProvisioningAfterItsEstimateIsFlagged() {
        carrier.answerAfter(Duration.ofDays(30));
        String token = member(newWorkspace());
        String id = api.buyId(token, profile("Patient"));
        assertThat(api.line(token, id)).containsEntry("provisioningOverdue", false);

        clock.advance(Duration.ofHours(49));

        assertThat(api.line(token, id))
                .containsEntry("provisioningStatus", "provisioning")
                .containsEntry("provisioningOverdue", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> provisioning = (List<Map<String, Object>>)
                api.getJson(token, "/api/lines?provisioningStatus=provisioning").get("items");
        assertThat(provisioning)
                .singleElement()
                .satisfies(line -> assertThat(line).containsEntry("id", id).containsEntry("provisioningOverdue", true));
    }

    @Test
    void aResultThatCannotBeAppliedGoesToTheDeadLetterTopicAndResultsGoOn() {
        String key = "not-a-line-" + java.util.UUID.randomUUID();
        String token = member(newWorkspace());
        try (EventRecorder deadLetters = EventRecorder.of(
                        SharedInfrastructure.kafkaBootstrapServers(),
                        "lines.provisioning-results.v1.lines-service.dlt");
                EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            sender.send(
                    "lines.provisioning-results.v1",
                    key,
                    "{\"type\":\"LineProvisioned\",\"data\":{\"lineId\":\"" + key + "\",\"status\":\"active\"}}");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !deadLetters.withKey(key).isEmpty());
        }
        String id = api.buyId(token, profile("Next"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "active".equals(api.line(token, id).get("provisioningStatus")));
    }

    @Test
    void purchasesStatusChangesLimitChangesAndDeletionsArePublished() {
        String workspace = newWorkspace();
        String token = member(workspace);
        try (EventRecorder events =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), "lines.line-changes.v1")) {
            String id = api.buyId(token, profile("Eve"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Boolean.TRUE.equals(api.line(token, id).get("isActive")));
            http.patch()
                    .uri("/api/lines/{id}", id)
                    .headers(bearer(token))
                    .bodyValue(Map.of("dailyNewConversationsLimit", 30))
                    .exchange()
                    .expectStatus()
                    .isOk();
            http.delete()
                    .uri("/api/lines/{id}", id)
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.withKey(id).size() >= 4);
            List<JsonNode> published = events.withKey(id).stream()
                    .map(event -> json.readTree(event.value()))
                    .toList();
            assertThat(published)
                    .extracting(event -> event.get("type").asString())
                    .containsExactly("LinePurchased", "LineStatusChanged", "LineUpdated", "LineDeleted");
            assertThat(published)
                    .extracting(event -> event.get("data").get("version").asLong())
                    .containsExactly(1L, 2L, 3L, 4L);
            JsonNode activated = published.get(1).get("data");
            assertThat(activated.get("provisioningStatus").asString()).isEqualTo("active");
            assertThat(activated.get("isActive").asBoolean()).isTrue();
            JsonNode updated = published.get(2).get("data");
            assertThat(updated.get("dailyNewConversationsLimit").asInt()).isEqualTo(30);
            assertThat(updated.get("changedFields").get(0).asString()).isEqualTo("dailyNewConversationsLimit");
            assertThat(published)
                    .extracting(event -> event.get("tenant").get("workspaceId").asString())
                    .containsOnly(workspace);
        }
    }
}
