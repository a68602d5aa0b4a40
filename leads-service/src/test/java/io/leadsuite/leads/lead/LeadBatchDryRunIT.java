package io.leadsuite.leads.lead;

import static io.leadsuite.leads.lead.BatchApi.batch;
import static io.leadsuite.leads.lead.BatchApi.fields;
import static io.leadsuite.leads.lead.BatchApi.items;
import static io.leadsuite.leads.lead.BatchApi.row;
import static io.leadsuite.leads.lead.BatchApi.statuses;
import static io.leadsuite.leads.lead.BatchApi.withPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** The batch endpoint's {@code dryRun}: every lead's answer, and nothing written. */
class LeadBatchDryRunIT extends LeadsServiceIT {

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    @RegisterExtension
    static final RecordedTopic recorder = RecordedTopic.of(Topics.LEAD_CHANGES);

    @Test
    void aDryRunAnswersWhatTheBatchWouldDoAndWritesNothing() {
        String userId = newUser();
        String suffix = UUID.randomUUID() + "@example.com";
        String hubspotId = "hs-" + UUID.randomUUID();
        Map<String, Object> existingBody = lead("Existing", "existing." + suffix);
        existingBody.put("companyName", "Old Co");
        String existing = (String) create(token(userId), existingBody).get("id");
        Map<String, Object> thirdBody = lead("Third", "third." + suffix);
        thirdBody.put("integrationIds", Map.of("hubspotRecordId", hubspotId));
        String third = (String) create(token(userId), thirdBody).get("id");
        Map<String, Object> updatesExisting = row("job-9:2", "Existing", "existing." + suffix);
        updatesExisting.put("companyName", "New Co");
        Map<String, Object> updatesTheFirst = row("job-9:3", "New", "NEW." + suffix);
        updatesTheFirst.put("jobTitle", "CTO");
        Map<String, Object> collides = row("job-9:4", "Existing", "existing." + suffix);
        collides.put("integrationIds", Map.of("hubspotRecordId", hubspotId));
        Map<String, Object> breaksARule = row("job-9:6", "Existing", "existing." + suffix);
        breaksARule.put("phone", "call me");
        List<Map<String, Object>> rows = List.of(
                row("job-9:1", "New", "new." + suffix),
                updatesExisting,
                updatesTheFirst,
                collides,
                row("job-9:5", "Broken", "not-an-email"),
                breaksARule);
        long leadsBefore = api().total(token(userId));

        Map<String, Object> preview = batches().store(dryRun(withPolicy(batch(userId, rows), "update")));

        assertThat(preview)
                .containsEntry("dryRun", true)
                .containsEntry("stored", 1)
                .containsEntry("updated", 2)
                .containsEntry("rejected", 3);
        List<Map<String, Object>> items = items(preview);
        assertThat(statuses(items)).containsExactly("stored", "updated", "updated", "conflict", "invalid", "invalid");
        assertThat(items).extracting(item -> item.get("ref")).first().isEqualTo("job-9:1");
        assertThat(items.get(0)).containsEntry("leadId", null);
        assertThat(items.get(1)).containsEntry("leadId", existing);
        assertThat(items.get(2)).containsEntry("leadId", null).containsEntry("existingIndex", 0);
        assertThat(items.get(3))
                .containsEntry("conflictField", "integrationIds.hubspotRecordId")
                .containsEntry("existingLeadId", third);
        assertThat(fields(items.get(4))).containsExactly("email");
        assertThat(fields(items.get(5))).containsExactly("phone");

        assertThat(api().total(token(userId))).isEqualTo(leadsBefore);
        api().get(token(userId), "/api/leads/" + existing)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.companyName")
                .isEqualTo("Old Co");
        api().get(token(userId), "/api/leads/" + existing + "/audit")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].type")
                .isEqualTo(List.of("LeadCreated"));
        List<JsonNode> published = eventsOfUserUpToASentinel(userId, existing, third);
        assertThat(published)
                .extracting(event -> event.get("data").get("leadId").asText() + " "
                        + event.get("type").asText())
                .containsExactlyInAnyOrder(
                        existing + " LeadCreated", existing + " LeadUpdated", third + " LeadCreated");

        Map<String, Object> written = batches().store(withPolicy(batch(userId, rows), "update"));

        assertThat(written).containsEntry("dryRun", false);
        assertThat(statuses(items(written))).isEqualTo(statuses(items));
        assertThat(items(written).get(2).get("leadId"))
                .isNotNull()
                .isEqualTo(items(written).get(0).get("leadId"));
        assertThat(api().total(token(userId))).isEqualTo(leadsBefore + 1);
    }

    @Test
    void aDryRunWithSkippedDuplicatesNamesTheEarlierLeadOfTheBatchByIndex() {
        String userId = newUser();
        String email = "twin." + UUID.randomUUID() + "@example.com";
        String stored = (String) items(batches().store(batch(userId, List.of(row("job-8:1", "Stored", email)))))
                .get(0)
                .get("leadId");
        String other = "other." + UUID.randomUUID() + "@example.com";

        Map<String, Object> preview = batches()
                .store(dryRun(batch(
                        userId,
                        List.of(
                                row("job-8:1", "Stored", email),
                                row("job-8:2", "Other", other),
                                row("job-8:3", "Other again", other)))));

        List<Map<String, Object>> items = items(preview);
        assertThat(statuses(items)).containsExactly("stored", "stored", "conflict");
        assertThat(items.get(0)).containsEntry("leadId", stored);
        assertThat(items.get(1)).containsEntry("leadId", null);
        assertThat(items.get(2))
                .containsEntry("conflictField", "email")
                .containsEntry("existingLeadId", null)
                .containsEntry("existingIndex", 1);
        assertThat(api().total(token(userId))).isEqualTo(1);
    }

    private BatchApi batches() {
        return new BatchApi(http);
    }

    private static Map<String, Object> dryRun(Map<String, Object> batch) {
        batch.put("dryRun", true);
        return batch;
    }

    /**
     * The user's events once {@code others}' creations and one more change of {@code lead} made now (a
     * sentinel) are out: the relay publishes a lead's events in order, so whatever {@code lead} had queued
     * before the sentinel is out too.
     */
    private List<JsonNode> eventsOfUserUpToASentinel(String userId, String lead, String... others) {
        String sentinel = "sentinel " + UUID.randomUUID();
        http.patch()
                .uri("/api/leads/{id}", lead)
                .headers(bearer(token(userId)))
                .bodyValue(Map.of("notes", sentinel))
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recorder.withKey(lead).stream()
                                .map(event -> JSON_MAPPER.readTree(event.value()))
                                .anyMatch(event -> sentinel.equals(event.get("data")
                                        .get("lead")
                                        .path("notes")
                                        .asText()))
                        && List.of(others).stream()
                                .noneMatch(other -> recorder.withKey(other).isEmpty()));
        return recorder.events().stream()
                .map(event -> JSON_MAPPER.readTree(event.value()))
                .filter(event -> userId.equals(event.get("tenant").get("userId").asText()))
                .toList();
    }
}
