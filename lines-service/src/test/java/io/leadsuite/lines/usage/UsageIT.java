package io.leadsuite.lines.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.lines.LinesServiceIT;
import io.leadsuite.testkit.MeterCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class UsageIT extends LinesServiceIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void fiveHundredConcurrentConsumesAgainstALimitOf150AcceptExactly150() {
        String token = member(newWorkspace());
        double freePurchases = MeterCounts.count(meters, "leadsuite.lines.purchases", "billing", "free");
        double overLimit = MeterCounts.count(meters, "leadsuite.lines.usage.rejections", "status", "429");
        String line = activeLine(token);

        List<Integer> statuses = Flux.range(0, 500)
                .flatMap(
                        i -> concurrentClient()
                                .post()
                                .uri("/api/lines/{id}/usage", line)
                                .headers(bearer(token))
                                .bodyValue(Map.of("kind", "message", "count", 1))
                                .retrieve()
                                .toBodilessEntity()
                                .map(response -> response.getStatusCode().value())
                                .onErrorResume(
                                        WebClientResponseException.class,
                                        refused -> Mono.just(
                                                refused.getStatusCode().value())),
                        500)
                .collectList()
                .block(Duration.ofSeconds(120));

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(150);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(350);
        Map<String, Object> usage = api.getJson(token, "/api/lines/" + line + "/usage");
        assertThat(usage.get("totalMessages")).isEqualTo(Map.of("used", 150, "limit", 150, "remaining", 0));
        assertThat(usage.get("newConversations")).isEqualTo(Map.of("used", 0, "limit", 20, "remaining", 20));
        assertThat(MeterCounts.count(meters, "leadsuite.lines.purchases", "billing", "free") - freePurchases)
                .isEqualTo(1);
        assertThat(MeterCounts.count(meters, "leadsuite.lines.usage.rejections", "status", "429") - overLimit)
                .isEqualTo(350);
    }

    @Test
    void overTheLimitAnswers429UntilMidnightAndConsumesNothing() {
        clock.setTo(Instant.parse("2026-03-10T22:00:00Z"));
        String token = member(newWorkspace());
        String line = activeLine(token);
        consume(token, line, "newConversation", 18).expectStatus().isOk();

        consume(token, line, "newConversation", 3)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        "Retry-After",
                        retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(7_100L, 7_200L))
                .expectBody()
                .jsonPath("$.used")
                .isEqualTo(18)
                .jsonPath("$.limit")
                .isEqualTo(20)
                .jsonPath("$.resetsAt")
                .isEqualTo("2026-03-11T00:00:00Z");

        assertThat(api.getJson(token, "/api/lines/" + line + "/usage").get("newConversations"))
                .isEqualTo(Map.of("used", 18, "limit", 20, "remaining", 2));
        consume(token, line, "newConversation", 2).expectStatus().isOk();
    }

    @Test
    void midnightStartsANewDayWithoutLosingConcurrentConsumes() {
        clock.setTo(Instant.parse("2026-03-10T23:59:00Z"));
        String token = member(newWorkspace());
        String line = activeLine(token);
        consume(token, line, "message", 150).expectStatus().isOk();
        consume(token, line, "message", 1).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        clock.setTo(Instant.parse("2026-03-11T00:00:01Z"));
        List<Integer> statuses = Flux.range(0, 60)
                .flatMap(
                        i -> concurrentClient()
                                .post()
                                .uri("/api/lines/{id}/usage", line)
                                .headers(bearer(token))
                                .bodyValue(Map.of("kind", "message", "count", 1))
                                .retrieve()
                                .toBodilessEntity()
                                .map(response -> response.getStatusCode().value()),
                        60)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(60).containsOnly(200);
        Map<String, Object> usage = api.getJson(token, "/api/lines/" + line + "/usage");
        assertThat(usage).containsEntry("date", "2026-03-11");
        assertThat(usage.get("totalMessages")).isEqualTo(Map.of("used", 60, "limit", 150, "remaining", 90));
    }

    @Test
    void theDayFollowsTheWorkspacesTimeZone() {
        String workspace = newWorkspace();
        setFreeLines(workspace, 1, "Pacific/Auckland");
        Instant now = Instant.parse("2026-06-15T13:00:00Z");
        clock.setTo(now);
        String token = member(workspace);
        String line = activeLine(token);
        ZoneId auckland = ZoneId.of("Pacific/Auckland");

        Map<String, Object> usage = consume(token, line, "message", 150)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(usage)
                .containsEntry("date", LocalDate.ofInstant(now, auckland).toString())
                .containsEntry("timeZone", "Pacific/Auckland")
                .containsEntry(
                        "resetsAt",
                        LocalDate.ofInstant(now, auckland)
                                .plusDays(1)
                                .atStartOfDay(auckland)
                                .toInstant()
                                .toString());
        assertThat(LocalDate.ofInstant(now, ZoneOffset.UTC)).isNotEqualTo(LocalDate.ofInstant(now, auckland));
    }

    @Test
    void onlyActiveLinesConsume() {
        carrier.answerAfter(Duration.ofDays(30));
        String token = member(newWorkspace());
        String line = api.buyId(token, profile("Waiting"));

        consume(token, line, "message", 1)
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        consume(token, line, "shout", 0)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("kind", "count"));
    }

    @Test
    void limitsChangeWithinBoundsAndApplyAtOnce() {
        String token = member(newWorkspace());
        String line = activeLine(token);

        http.patch()
                .uri("/api/lines/{id}", line)
                .headers(bearer(token))
                .bodyValue(Map.of("dailyTotalMessagesLimit", 100_000, "dailyNewConversationsLimit", -1))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("dailyTotalMessagesLimit", "dailyNewConversationsLimit"));
        http.patch()
                .uri("/api/lines/{id}", line)
                .headers(bearer(token))
                .bodyValue(Map.of("dailyTotalMessagesLimit", 5))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.dailyTotalMessagesLimit")
                .isEqualTo(5);

        consume(token, line, "message", 5).expectStatus().isOk();
        consume(token, line, "message", 1).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec consume(
            String token, String line, String kind, int count) {
        return http.post()
                .uri("/api/lines/{id}/usage", line)
                .headers(bearer(token))
                .bodyValue(Map.of("kind", kind, "count", count))
                .exchange();
    }

    /** Buys a line and waits for the simulated carrier to activate it. */
    private String activeLine(String token) {
        String id = api.buyId(token, profile("Sender"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Boolean.TRUE.equals(api.line(token, id).get("isActive")));
        return id;
    }
}
