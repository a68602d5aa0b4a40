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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The batch endpoint's {@code duplicatePolicy: update}: a duplicate is merged into the lead it duplicates. */
class LeadBatchDuplicatesIT extends LeadsServiceIT {

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    @RegisterExtension
    static final RecordedTopic recorder = RecordedTopic.of(Topics.LEAD_CHANGES);

    @Test
    void anUpdateMergesTheDuplicatesValuesIntoTheLeadWithOneEventAndARetryChangesNothing() {
        String userId = newUser();
        String email = "ada." + UUID.randomUUID() + "@example.com";
        Map<String, Object> body = lead("Ada", email);
        body.put("companyName", "Old Co");
        body.put("jobTitle", "Engineer");
        body.put("customFields", Map.of("tier", "gold", "keep", "k"));
        String id = (String) create(token(userId), body).get("id");
        Map<String, Object> duplicate = new LinkedHashMap<>();
        duplicate.put("ref", "job-1:2");
        duplicate.put("firstName", "Ada");
        duplicate.put("lastName", " ");
        duplicate.put("email", email.toUpperCase());
        duplicate.put("phone", "");
        duplicate.put("companyName", "New Co");
        duplicate.put("customFields", Map.of("tier", "platinum", "seats", 12));
        duplicate.put("integrationIds", Map.of("hubspotRecordId", "hs-" + id));
        Map<String, Object> batch = withPolicy(batch(userId, List.of(duplicate)), "update");

        Map<String, Object> first = batches().store(batch);
        Map<String, Object> retry = batches().store(batch);

        for (Map<String, Object> answer : List.of(first, retry)) {
            assertThat(answer)
                    .containsEntry("stored", 0)
                    .containsEntry("updated", 1)
                    .containsEntry("rejected", 0);
            assertThat(items(answer).get(0))
                    .containsEntry("status", "updated")
                    .containsEntry("leadId", id)
                    .containsEntry("ref", "job-1:2");
        }
        Map<String, Object> merged = api().get(token(userId), "/api/leads/" + id)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(merged)
                .containsEntry("firstName", "Ada")
                .containsEntry("lastName", "Doe")
                .containsEntry("email", email.toUpperCase())
                .containsEntry("phone", "+1-555-0123")
                .containsEntry("companyName", "New Co")
                .containsEntry("jobTitle", "Engineer")
                .containsEntry("customFields", Map.of("tier", "platinum", "keep", "k", "seats", 12))
                .containsEntry("version", 2);
        assertThat(merged.get("integrationIds"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("hubspotRecordId", "hs-" + id);
        List<JsonNode> events = eventsUpToASentinel(userId, id);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly("LeadCreated", "LeadUpdated", "LeadUpdated");
        JsonNode update = events.get(1).get("data");
        assertThat(update.get("actor").asText()).isEqualTo("import:job-1");
        assertThat(update.get("changes").propertyNames())
                .containsExactlyInAnyOrder(
                        "email",
                        "companyName",
                        "customFields.tier",
                        "customFields.seats",
                        "integrationIds.hubspotRecordId");
        assertThat(api().total(token(userId))).isEqualTo(1);
    }

    @Test
    void aDuplicateWithinOneBatchIsMergedIntoTheLeadAnEarlierInputCreates() {
        String userId = newUser();
        String email = "twin." + UUID.randomUUID() + "@example.com";
        Map<String, Object> later = row("job-2:2", " ", " " + email.toUpperCase());
        later.put("jobTitle", "CTO");
        later.put("customFields", Map.of("source", "fair"));
        Map<String, Object> earlier = row("job-2:1", "Twin", email);
        earlier.put("companyName", "Acme");
        Map<String, Object> batch = withPolicy(batch(userId, List.of(earlier, later)), "update");

        Map<String, Object> first = batches().store(batch);
        Map<String, Object> retry = batches().store(batch);

        for (Map<String, Object> answer : List.of(first, retry)) {
            assertThat(statuses(items(answer))).containsExactly("stored", "updated");
            assertThat(answer).containsEntry("stored", 1).containsEntry("updated", 1);
        }
        String id = (String) items(first).get(0).get("leadId");
        assertThat(items(first).get(1)).containsEntry("leadId", id).containsEntry("existingIndex", 0);
        assertThat(items(retry)).extracting(item -> item.get("leadId")).containsExactly(id, id);
        api().get(token(userId), "/api/leads/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firstName")
                .isEqualTo("Twin")
                .jsonPath("$.companyName")
                .isEqualTo("Acme")
                .jsonPath("$.jobTitle")
                .isEqualTo("CTO")
                .jsonPath("$.customFields.source")
                .isEqualTo("fair");
        List<JsonNode> events = eventsUpToASentinel(userId, id);
        assertThat(events)
                .extracting(event -> event.get("type").asText())
                .containsExactly("LeadCreated", "LeadUpdated");
        assertThat(events.get(0).get("data").get("lead").get("jobTitle").asText())
                .isEqualTo("CTO");
        assertThat(api().total(token(userId))).isEqualTo(1);
    }

    @Test
    void aDuplicateWithinOneBatchIsAConflictWhenDuplicatesAreSkipped() {
        String userId = newUser();
        String email = "skip." + UUID.randomUUID() + "@example.com";
        Map<String, Object> later = row(null, "Later", email);
        later.put("jobTitle", "CTO");

        Map<String, Object> answer =
                batches().store(withPolicy(batch(userId, List.of(row(null, "Earlier", email), later)), "skip"));

        assertThat(statuses(items(answer))).containsExactly("stored", "conflict");
        String id = (String) items(answer).get(0).get("leadId");
        assertThat(items(answer).get(1))
                .containsEntry("conflictField", "email")
                .containsEntry("existingLeadId", id)
                .containsEntry("existingIndex", 0);
        api().get(token(userId), "/api/leads/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firstName")
                .isEqualTo("Earlier")
                .jsonPath("$.jobTitle")
                .doesNotExist();
    }

    @Test
    void anUpdateThatWouldCollideWithAThirdLeadOrBreakARuleChangesNothing() {
        String userId = newUser();
        String suffix = UUID.randomUUID() + "@example.com";
        String hubspotId = "hs-" + UUID.randomUUID();
        String target = (String)
                create(token(userId), lead("Target", "target." + suffix)).get("id");
        Map<String, Object> third = lead("Third", "third." + suffix);
        third.put("integrationIds", Map.of("hubspotRecordId", hubspotId));
        String thirdId = (String) create(token(userId), third).get("id");
        Map<String, Object> collides = row("job-3:1", "Target", "target." + suffix);
        collides.put("integrationIds", Map.of("hubspotRecordId", hubspotId));
        collides.put("companyName", "Never");
        Map<String, Object> breaksARule = row("job-3:2", "Third", "third." + suffix);
        breaksARule.put("phone", "call me");
        breaksARule.put("companyName", "Never");

        Map<String, Object> answer =
                batches().store(withPolicy(batch(userId, List.of(collides, breaksARule)), "update"));

        assertThat(statuses(items(answer))).containsExactly("conflict", "invalid");
        assertThat(answer).containsEntry("updated", 0).containsEntry("rejected", 2);
        assertThat(items(answer).get(0))
                .containsEntry("conflictField", "integrationIds.hubspotRecordId")
                .containsEntry("existingLeadId", thirdId);
        assertThat(fields(items(answer).get(1))).containsExactly("phone");
        for (String id : List.of(target, thirdId)) {
            api().get(token(userId), "/api/leads/" + id)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.version")
                    .isEqualTo(1)
                    .jsonPath("$.companyName")
                    .doesNotExist();
        }
        assertThat(eventsUpToASentinel(userId, target))
                .extracting(event -> event.get("type").asText())
                .containsExactly("LeadCreated", "LeadUpdated");
    }

    @Test
    void refusesAnUnknownDuplicatePolicyNamingTheField() {
        String userId = newUser();
        Map<String, Object> batch = withPolicy(
                batch(userId, List.of(row(null, "Row", "row." + UUID.randomUUID() + "@example.com"))), "merge");

        batches()
                .post(batch)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields).asString().contains("duplicatePolicy"));
        assertThat(api().total(token(userId))).isZero();
    }

    private BatchApi batches() {
        return new BatchApi(http);
    }

    /**
     * The lead's events up to one more change made now (a sentinel): the relay publishes a lead's events
     * in order, so once the sentinel's is out, every event queued before it is out too.
     */
    private List<JsonNode> eventsUpToASentinel(String userId, String leadId) {
        String sentinel = "sentinel " + UUID.randomUUID();
        http.patch()
                .uri("/api/leads/{id}", leadId)
                .headers(bearer(token(userId)))
                .bodyValue(Map.of("notes", sentinel))
                .exchange()
                .expectStatus()
                .isOk();
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> recorder.withKey(leadId).stream()
                                .map(event -> JSON_MAPPER.readTree(event.value()))
                                .toList(),
                        events -> events.stream().anyMatch(event -> isSentinel(event, sentinel)));
    }

    private static boolean isSentinel(JsonNode event, String sentinel) {
        JsonNode notes = event.get("data").get("lead").get("notes");
        return notes != null && sentinel.equals(notes.asText());
    }
}
