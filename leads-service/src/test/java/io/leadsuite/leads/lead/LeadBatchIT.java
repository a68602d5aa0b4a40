package io.leadsuite.leads.lead;

import static io.leadsuite.leads.lead.BatchApi.BATCHES;
import static io.leadsuite.leads.lead.BatchApi.batch;
import static io.leadsuite.leads.lead.BatchApi.fields;
import static io.leadsuite.leads.lead.BatchApi.items;
import static io.leadsuite.leads.lead.BatchApi.row;
import static io.leadsuite.leads.lead.BatchApi.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.leads.LeadsServiceIT;
import io.leadsuite.testkit.MeterCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The internal batch endpoint, called as the import worker calls it. */
class LeadBatchIT extends LeadsServiceIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void storesWhatIsValidAndSaysWhyEachOtherLeadWasNot() {
        String userId = newUser();
        String suffix = UUID.randomUUID() + "@example.com";
        String existing = (String)
                create(token(userId), lead("Existing", "existing." + suffix)).get("id");

        Map<String, Object> answer = post(batch(
                        userId,
                        List.of(
                                row(null, "Valid", "valid." + suffix),
                                row(null, "BadEmail", "not-an-email"),
                                row(null, "Duplicate", "EXISTING." + suffix),
                                row(null, "Twin", "twin." + suffix),
                                row(null, "Twin again", "twin." + suffix),
                                inList(row(null, "Listless", "listless." + suffix), new ObjectId().toHexString()))))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        List<Map<String, Object>> items = items(answer);
        assertThat(items).extracting(item -> item.get("index")).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(items)
                .extracting(item -> item.get("status"))
                .containsExactly("stored", "invalid", "conflict", "stored", "conflict", "invalid");
        assertThat(answer).containsEntry("stored", 2).containsEntry("rejected", 4);
        assertThat(fields(items.get(1))).containsExactly("email");
        assertThat(items.get(2)).containsEntry("conflictField", "email").containsEntry("existingLeadId", existing);
        assertThat(items.get(4)).containsEntry("existingLeadId", items.get(3).get("leadId"));
        assertThat(fields(items.get(5))).containsExactly("listId");
        get(token(userId), "/api/leads/" + items.get(0).get("leadId"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.source")
                .isEqualTo("csv")
                .jsonPath("$.firstName")
                .isEqualTo("Valid");
        assertThat(total(userId)).isEqualTo(3);
    }

    @Test
    void aListCreatedAMomentAgoIsConfirmedWithListsServiceWithoutAUserToken() {
        String userId = newUser();
        ObjectId fresh = lists.newList();

        Map<String, Object> answer = post(batch(
                        userId,
                        List.of(inList(
                                row(null, "Fresh", "fresh." + UUID.randomUUID() + "@example.com"),
                                fresh.toHexString()))))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(items(answer))
                .singleElement()
                .satisfies(item -> assertThat(item).containsEntry("status", "stored"));
        assertThat(lists.timesAskedAbout(fresh)).isEqualTo(1);
    }

    @Test
    void aRetriedBatchAnswersStoredAgainWithTheLeadsItStoredTheFirstTime() {
        String userId = newUser();
        String job = "job-" + UUID.randomUUID();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int row = 1; row <= 20; row++) {
            rows.add(row(job + ":" + row, "Row" + row, "row" + row + "." + UUID.randomUUID() + "@example.com"));
        }
        rows.add(row(job + ":21", "Broken", "not-an-email"));

        List<Map<String, Object>> first = items(post(batch(userId, rows))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody());
        List<Map<String, Object>> retry = items(post(batch(userId, rows))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody());

        assertThat(first.subList(0, 20)).allSatisfy(item -> assertThat(item).containsEntry("status", "stored"));
        assertThat(retry).extracting(item -> item.get("status")).isEqualTo(statuses(first));
        assertThat(retry).extracting(item -> item.get("leadId")).isEqualTo(leadIds(first));
        assertThat(retry).extracting(item -> item.get("ref")).first().isEqualTo(job + ":1");
        assertThat(total(userId)).isEqualTo(20);
    }

    @Test
    void countsEachLeadWrittenOnceBySourceAndOperation() {
        String userId = newUser();
        String job = "job-" + UUID.randomUUID();
        String suffix = UUID.randomUUID() + "@example.com";
        double manual = written("manual", "created");
        double imported = written("csv", "created");
        double updated = written("csv", "updated");
        create(token(userId), lead("Typed", "typed." + suffix));
        List<Map<String, Object>> rows =
                List.of(row(job + ":1", "One", "one." + suffix), row(job + ":2", "Two", "two." + suffix));

        post(batch(userId, rows)).expectStatus().isOk();
        post(batch(userId, rows)).expectStatus().isOk();
        post(BatchApi.withPolicy(batch(userId, List.of(row(null, "Typed again", "typed." + suffix))), "update"))
                .expectStatus()
                .isOk();

        assertThat(written("manual", "created") - manual).isEqualTo(1);
        assertThat(written("csv", "created") - imported)
                .as("the retry stores nothing new")
                .isEqualTo(2);
        assertThat(written("csv", "updated") - updated).isEqualTo(1);
    }

    private double written(String source, String operation) {
        return MeterCounts.count(meters, "leadsuite.leads.written", "source", source, "operation", operation);
    }

    @Test
    void aLeadRepeatedWithinOneBatchUnderOneRefIsStoredOnce() {
        String userId = newUser();
        Map<String, Object> row = row("job-x:1", "Once", "once." + UUID.randomUUID() + "@example.com");

        List<Map<String, Object>> items = items(post(batch(userId, List.of(row, row)))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody());

        assertThat(items).extracting(item -> item.get("status")).containsExactly("stored", "stored");
        assertThat(items.get(1).get("leadId")).isEqualTo(items.get(0).get("leadId"));
        assertThat(total(userId)).isEqualTo(1);
    }

    @Test
    void aLaterLeadWithAUniqueValueOfAnEarlierOneInTheBatchIsAConflictNamingIt() {
        String userId = newUser();
        String suffix = UUID.randomUUID() + "@example.com";
        String hubspotId = "hs-" + UUID.randomUUID();

        List<Map<String, Object>> items = items(post(batch(
                        userId,
                        List.of(
                                withHubspot(row(null, "First", "first." + suffix), hubspotId),
                                withHubspot(row(null, "SameCrmRecord", "other." + suffix), hubspotId),
                                row(null, "SameEmail", " FIRST." + suffix))))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody());

        assertThat(items).extracting(item -> item.get("status")).containsExactly("stored", "conflict", "conflict");
        Object first = items.get(0).get("leadId");
        assertThat(items.get(1))
                .containsEntry("conflictField", "integrationIds.hubspotRecordId")
                .containsEntry("existingLeadId", first)
                .containsEntry("existingIndex", 0);
        assertThat(items.get(2))
                .containsEntry("conflictField", "email")
                .containsEntry("existingLeadId", first)
                .containsEntry("existingIndex", 0);
        assertThat(total(userId)).isEqualTo(1);
    }

    @Test
    void refusesABatchOverTheLimitAnUnknownSourceOrActorNamingTheField() {
        String userId = newUser();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int row = 0; row <= BulkLeadChanges.MAX_BULK; row++) {
            tooMany.add(row(null, "Row", "row" + row + "@example.com"));
        }
        problemNaming(post(batch(userId, tooMany)), "leads");

        Map<String, Object> badSource = batch(userId, List.of(row(null, "Row", "row@example.com")));
        badSource.put("source", "fax");
        problemNaming(post(badSource), "source");

        Map<String, Object> badActor = batch(userId, List.of(row(null, "Row", "row@example.com")));
        badActor.put("actor", "somebody");
        problemNaming(post(badActor), "actor");

        assertThat(total(userId)).isZero();
    }

    @Test
    void refusesCallersWithoutTheInternalToken() {
        String userId = newUser();
        Map<String, Object> body = batch(userId, List.of(row(null, "Sneaky", "sneaky@example.com")));

        http.post().uri(BATCHES).bodyValue(body).exchange().expectStatus().isUnauthorized();
        http.post()
                .uri(BATCHES)
                .header(InternalApi.TOKEN_HEADER, "guess")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri(BATCHES)
                .headers(bearer(token(userId)))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(total(userId)).isZero();
    }

    private static void problemNaming(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields).asString().contains(field));
    }

    private static Map<String, Object> withHubspot(Map<String, Object> row, String hubspotRecordId) {
        row.put("integrationIds", Map.of("hubspotRecordId", hubspotRecordId));
        return row;
    }

    private static Map<String, Object> inList(Map<String, Object> row, String listId) {
        row.put("listId", listId);
        return row;
    }

    private static List<Object> leadIds(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("leadId")).toList();
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> batch) {
        return new BatchApi(http).post(batch);
    }

    private long total(String userId) {
        return api().total(token(userId));
    }
}
