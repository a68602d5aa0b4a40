package io.leadsuite.leads.lead;

import static io.leadsuite.leads.lead.BatchApi.batch;
import static io.leadsuite.leads.lead.BatchApi.items;
import static io.leadsuite.leads.lead.BatchApi.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.Topics;
import io.leadsuite.leads.LeadsServiceIT;
import io.leadsuite.leads.audit.LeadAuditEntry;
import io.leadsuite.leads.model.LeadBatchDocument;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.testkit.RecordedTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events of a batch write: its leads' creations go out from one batch outbox, keyed by lead, in
 * order with the leads' later changes; a retry announces what a crashed first try stored but never
 * queued, with the same event ids.
 */
class LeadBatchEventsIT extends LeadsServiceIT {

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    @RegisterExtension
    static final RecordedTopic recorder = RecordedTopic.of(Topics.LEAD_CHANGES);

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void eachLeadOfABatchIsAnnouncedOnceKeyedByItselfAndTheBatchOutboxEmpties() {
        String userId = newUser();
        List<String> leadIds = leadIds(store(userId, rows("job-" + UUID.randomUUID(), 25)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String leadId : leadIds) {
                assertThat(creations(leadId)).hasSize(1);
            }
        });
        for (String leadId : leadIds) {
            JsonNode created = creations(leadId).get(0);
            assertThat(created.get("data").get("leadId").asText()).isEqualTo(leadId);
            assertThat(created.get("data").get("version").asLong()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.count(query(where("userId").is(userId)), LeadBatchDocument.class)
                                .block()
                        == 0);
        LeadDocument stored =
                mongo.findById(new ObjectId(leadIds.get(0)), LeadDocument.class).block();
        assertThat(stored.pendingEventsOrEmpty()).isEmpty();
        assertThat(mongo.count(query(where("leadId").is(new ObjectId(leadIds.get(0)))), LeadAuditEntry.class)
                        .block())
                .isEqualTo(1);
    }

    @Test
    void aChangeRightAfterTheBatchIsPublishedAfterTheLeadsCreation() {
        String userId = newUser();
        String leadId =
                leadIds(store(userId, rows("job-" + UUID.randomUUID(), 1))).get(0);

        http.patch()
                .uri("/api/leads/{id}", leadId)
                .headers(bearer(token(userId)))
                .bodyValue(Map.of("jobTitle", "Founder"))
                .exchange()
                .expectStatus()
                .isOk();

        List<String> types =
                await().atMost(Duration.ofSeconds(30)).until(() -> types(leadId), seen -> seen.size() == 2);
        assertThat(types).containsExactly("LeadCreated", "LeadUpdated");
    }

    @Test
    void aRetryAnnouncesTheLeadsAFirstTryStoredButNeverQueuedWithTheSameEventIds() {
        String userId = newUser();
        List<Map<String, Object>> rows = rows("job-" + UUID.randomUUID(), 5);
        List<String> leadIds = leadIds(store(userId, rows));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> leadIds.stream().allMatch(id -> creations(id).size() == 1));
        List<String> firstIds = leadIds.stream().map(this::creationId).toList();
        // What a first try that stopped before queueing would leave: the leads, no audit, no outbox.
        for (String leadId : leadIds) {
            mongo.remove(query(where("leadId").is(new ObjectId(leadId))), LeadAuditEntry.class)
                    .block();
        }

        assertThat(leadIds(store(userId, rows))).isEqualTo(leadIds);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> leadIds.stream().allMatch(id -> creations(id).size() == 2));
        for (int lead = 0; lead < leadIds.size(); lead++) {
            assertThat(creations(leadIds.get(lead)))
                    .extracting(event -> event.get("id").asText())
                    .containsOnly(firstIds.get(lead));
        }
        String sentinel = leadIds.get(0);
        store(userId, rows);
        http.patch()
                .uri("/api/leads/{id}", sentinel)
                .headers(bearer(token(userId)))
                .bodyValue(Map.of("notes", "after the third try"))
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> types(sentinel).contains("LeadUpdated"));
        assertThat(leadIds).allSatisfy(id -> assertThat(creations(id)).hasSize(2));
    }

    private List<Map<String, Object>> store(String userId, List<Map<String, Object>> rows) {
        return items(new BatchApi(http).store(batch(userId, rows)));
    }

    private static List<Map<String, Object>> rows(String job, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int row = 1; row <= count; row++) {
            rows.add(row(job + ":" + row, "Row" + row, "row" + row + "." + UUID.randomUUID() + "@example.com"));
        }
        return rows;
    }

    private static List<String> leadIds(List<Map<String, Object>> items) {
        assertThat(items).allSatisfy(item -> assertThat(item).containsEntry("status", "stored"));
        return items.stream().map(item -> (String) item.get("leadId")).toList();
    }

    private List<JsonNode> creations(String leadId) {
        return events(leadId).stream()
                .filter(event -> event.get("type").asText().equals("LeadCreated"))
                .toList();
    }

    private String creationId(String leadId) {
        return creations(leadId).get(0).get("id").asText();
    }

    private List<String> types(String leadId) {
        return events(leadId).stream().map(event -> event.get("type").asText()).toList();
    }

    private static List<JsonNode> events(String leadId) {
        return recorder.withKey(leadId).stream()
                .map(event -> JSON_MAPPER.readTree(event.value()))
                .toList();
    }
}
