package io.leadsuite.leads.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.CloudEventHeaders;
import io.leadsuite.common.events.Topics;
import io.leadsuite.leads.LeadsServiceIT;
import io.leadsuite.testkit.RecordedTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LeadEventsIT extends LeadsServiceIT {

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    @RegisterExtension
    static final RecordedTopic recorder = RecordedTopic.of(Topics.LEAD_CHANGES);

    @Test
    void publishesEveryKindOfChangeKeyedByLeadWithListAndPreviousList() {
        String userId = newUser();
        String token = token(userId);
        String listA = lists.newList().toHexString();
        String listB = lists.newList().toHexString();
        Map<String, Object> body = lead("Eve", "eve." + UUID.randomUUID() + "@example.com");
        body.put("listId", listA);
        String id = (String) create(token, body).get("id");
        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .bodyValue(Map.of("jobTitle", "CEO"))
                .exchange()
                .expectStatus()
                .isOk();
        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .bodyValue(Map.of("listId", listB))
                .exchange()
                .expectStatus()
                .isOk();
        http.delete()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNoContent();

        List<JsonNode> events = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> recorder.withKey(id).stream()
                                .map(event -> JSON_MAPPER.readTree(event.value()))
                                .toList(),
                        found -> found.size() >= 4);

        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly("LeadCreated", "LeadUpdated", "LeadMoved", "LeadDeleted");
        assertThat(events)
                .extracting(event -> event.get("data").get("version").asLong())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("tenant").get("userId").asText()).isEqualTo(userId);
            assertThat(event.get("source").asText()).isEqualTo("leads-service");
            assertThat(event.get("data").get("leadId").asText()).isEqualTo(id);
        });
        assertLists(events.get(0), listA, null);
        assertLists(events.get(1), listA, listA);
        assertLists(events.get(2), listB, listA);
        assertLists(events.get(3), null, listB);
        assertThat(events.get(1)
                        .get("data")
                        .get("changes")
                        .get("jobTitle")
                        .get("to")
                        .asText())
                .isEqualTo("CEO");
        assertThat(events.get(0).get("data").get("lead").get("email").asText()).startsWith("eve.");
        assertThat(recorder.withKey(id).get(0).headers())
                .containsEntry("ce_specversion", "1.0")
                .containsEntry(CloudEventHeaders.TYPE, "io.leadsuite.LeadCreated")
                .containsEntry(CloudEventHeaders.ID, events.get(0).get("id").asText());
    }

    @Test
    void bulkMovesPublishOneEventPerLead() {
        String token = token(newUser());
        String first = (String) create(token, lead("M1", "m1." + UUID.randomUUID() + "@example.com"))
                .get("id");
        String second = (String) create(token, lead("M2", "m2." + UUID.randomUUID() + "@example.com"))
                .get("id");
        String list = lists.newList().toHexString();

        http.post()
                .uri("/api/leads/bulk-move")
                .headers(bearer(token))
                .bodyValue(Map.of("ids", List.of(first, second), "listId", list))
                .exchange()
                .expectStatus()
                .isOk();

        for (String id : List.of(first, second)) {
            JsonNode moved = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> recorder.withKey(id).stream()
                                    .map(event -> JSON_MAPPER.readTree(event.value()))
                                    .filter(event -> event.get("type").asText().equals("LeadMoved"))
                                    .findFirst()
                                    .orElse(null),
                            found -> found != null);
            assertLists(moved, list, null);
        }
    }

    @Test
    void theAuditTrailShowsWhoChangedWhatAndWhen() {
        String userId = newUser();
        String token = token(userId);
        String id = (String) create(token, lead("Audit", "audit." + UUID.randomUUID() + "@example.com"))
                .get("id");
        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .bodyValue(Map.of("companyName", "Acme"))
                .exchange()
                .expectStatus()
                .isOk();
        http.delete()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNoContent();

        http.get()
                .uri("/api/leads/{id}/audit", id)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].type")
                .isEqualTo(List.of("LeadDeleted", "LeadUpdated", "LeadCreated"))
                .jsonPath("$.items[0].actor")
                .isEqualTo("user:" + userId)
                .jsonPath("$.items[1].changes.companyName.to")
                .isEqualTo("Acme")
                .jsonPath("$.items[1].changes.companyName.from")
                .isEmpty();
        http.get()
                .uri("/api/leads/{id}/audit", id)
                .headers(bearer(token(newUser())))
                .exchange()
                .expectStatus()
                .isNotFound();

        // Once relayed, the trail reads the same from the audit collection.
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.withKey(id).size() == 3);
        http.get()
                .uri("/api/leads/{id}/audit?limit=2", id)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(2)
                .jsonPath("$.nextCursor")
                .exists();
    }

    private static void assertLists(JsonNode event, String listId, String previousListId) {
        JsonNode data = event.get("data");
        assertThat(data.get("listId").isNull() ? null : data.get("listId").asText())
                .as("listId")
                .isEqualTo(listId);
        assertThat(
                        data.get("previousListId").isNull()
                                ? null
                                : data.get("previousListId").asText())
                .as("previousListId")
                .isEqualTo(previousListId);
    }
}
