package io.leadsuite.lines.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.LinesServiceIT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

class PurchaseIT extends LinesServiceIT {

    @Autowired
    private ReactiveMongoTemplate mongo;

    @Test
    void fiftyConcurrentPurchasesWithThreeFreeLinesGiveExactlyThreeFreeAndFortySevenPaid() {
        String workspace = newWorkspace();
        setFreeLines(workspace, 3, null);
        String token = member(workspace);

        List<String> billing = Flux.range(0, 50)
                .flatMap(
                        i -> concurrentClient()
                                .post()
                                .uri("/api/lines")
                                .headers(bearer(token))
                                .bodyValue(profile("Buyer" + i))
                                .retrieve()
                                .bodyToMono(JSON)
                                .map(line -> (String) line.get("billingType")),
                        50)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(billing).hasSize(50);
        assertThat(billing).filteredOn("free"::equals).hasSize(3);
        assertThat(billing).filteredOn("paid"::equals).hasSize(47);
        assertThat(api.counters(token))
                .containsEntry("freeLinesIncluded", 3)
                .containsEntry("freeLinesUsed", 3)
                .containsEntry("freeLinesAvailable", 0)
                .containsEntry("totalLinesPurchased", 47)
                .containsEntry("totalLinesCount", 50);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>)
                api.getJson(token, "/api/lines?limit=200").get("items");
        assertThat(listed).hasSize(50);
        assertThat(listed)
                .filteredOn(line -> "free".equals(line.get("billingType")))
                .hasSize(3);
    }

    @Test
    void aNewLineStartsProvisioningOwnedByItsBuyer() {
        String workspace = newWorkspace();
        String token = member(workspace);
        Map<String, Object> body = profile("Ada");
        body.put("phone", "(202) 555-0143");
        body.put("profileImageUrl", "https://img.example.com/ada.png");
        body.put("createdUserId", "user_assignee");

        Map<String, Object> line = api.buy(token, body);

        assertThat(line)
                .containsEntry("provisioningStatus", "provisioning")
                .containsEntry("isActive", false)
                .containsEntry("billingType", "free")
                .containsEntry("phone", "+12025550143")
                .containsEntry("email", "ada@example.com")
                .containsEntry("createdUserId", "user_assignee")
                .containsEntry("dailyNewConversationsLimit", 20)
                .containsEntry("dailyTotalMessagesLimit", 150)
                .containsEntry("provisioningOverdue", false)
                .containsEntry("workspaceId", workspace);
        assertThat((String) line.get("createdByUserId")).startsWith("user_");
        Instant submitted = Instant.parse((String) line.get("provisioningSubmittedAt"));
        assertThat(Instant.parse((String) line.get("estimatedReadyAt")))
                .isEqualTo(submitted.plus(Duration.ofHours(48)));
        assertThat(api.counters(token))
                .containsEntry("freeLinesIncluded", 1)
                .containsEntry("freeLinesUsed", 1)
                .containsEntry("totalLinesCount", 1);
    }

    @Test
    void aRetriedPurchaseWithTheSameIdempotencyKeyReturnsTheSameLineAndCountsOnce() {
        String workspace = newWorkspace();
        String token = member(workspace);
        String key = "purchase-" + UUID.randomUUID();

        List<String> ids = Flux.range(0, 10)
                .flatMap(
                        i -> concurrentClient()
                                .post()
                                .uri("/api/lines")
                                .headers(bearer(token))
                                .header("Idempotency-Key", key)
                                .bodyValue(profile("Grace"))
                                .retrieve()
                                .toEntity(JSON)
                                .map(response -> (String) response.getBody().get("id")),
                        10)
                .collectList()
                .block(Duration.ofSeconds(30));
        String retried = (String) http.post()
                .uri("/api/lines")
                .headers(bearer(token))
                .header("Idempotency-Key", key)
                .bodyValue(profile("Grace"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Idempotent-Replayed", "true")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");

        assertThat(ids).hasSize(10).containsOnly(retried);
        assertThat(api.counters(token)).containsEntry("totalLinesCount", 1).containsEntry("freeLinesUsed", 1);

        http.post()
                .uri("/api/lines")
                .headers(bearer(token))
                .header("Idempotency-Key", key)
                .bodyValue(profile("Other"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("Idempotency-Key")
                .jsonPath("$.lineId")
                .isEqualTo(retried);
        assertThat(api.counters(token)).containsEntry("totalLinesCount", 1);
    }

    @Test
    void aRetryWaitsForThePurchaseInFlightAndTakesNoSecondSlot() {
        String workspace = newWorkspace();
        String token = member(workspace);
        String key = "in-flight-" + UUID.randomUUID();
        inFlight(workspace, key, Instant.now().plus(Duration.ofHours(1)));

        http.post()
                .uri("/api/lines")
                .headers(bearer(token))
                .header("Idempotency-Key", key)
                .bodyValue(profile("Retry"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .valueEquals("Retry-After", "1");

        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 1).containsEntry("totalLinesCount", 1);
    }

    @Test
    void aRetryOfAPurchaseThatDiedBuysOnceRecoveryFreedItsSlot() {
        String workspace = newWorkspace();
        String token = member(workspace);
        String key = "died-" + UUID.randomUUID();
        inFlight(workspace, key, Instant.now().minus(Duration.ofHours(1)));

        Map<String, Object> line = http.post()
                .uri("/api/lines")
                .headers(bearer(token))
                .header("Idempotency-Key", key)
                .bodyValue(profile("Retry"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(line).containsEntry("billingType", "free");
        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 1).containsEntry("totalLinesCount", 1);
    }

    /** What a purchase with this key leaves while it holds its slot (or after it died): a hold intent. */
    private void inFlight(String workspace, String key, Instant at) {
        api.counters(member(workspace));
        mongo.updateFirst(
                        query(where("clerkOrgId").is(workspace)),
                        new Update()
                                .inc("freeLinesUsed", 1)
                                .inc("totalLinesCount", 1)
                                .push(
                                        "slotIntents",
                                        new Document("lineId", new ObjectId())
                                                .append("op", "hold")
                                                .append("billingType", "free")
                                                .append("token", workspace + "|" + key)
                                                .append("at", Date.from(at))),
                        "organizations")
                .block();
    }

    @Test
    void rejectsAnInvalidProfileNamingEachField() {
        String token = member(newWorkspace());
        http.post()
                .uri("/api/lines")
                .headers(bearer(token))
                .bodyValue(Map.of("email", "not-an-email", "phone", "12", "profileImageUrl", "ftp://x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("email", "phone", "firstName", "lastName", "profileImageUrl"));
        assertThat(api.counters(token)).containsEntry("totalLinesCount", 0);
    }

    @Test
    void aSessionWithoutAnOrganizationIsForbidden() {
        String token = io.leadsuite.testkit.SharedInfrastructure.jwtIssuer().mint("user_" + UUID.randomUUID());
        http.post()
                .uri("/api/lines")
                .headers(bearer(token))
                .bodyValue(profile("Nobody"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
