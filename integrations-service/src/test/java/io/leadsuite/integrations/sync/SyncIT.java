package io.leadsuite.integrations.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ImportChange;
import io.leadsuite.common.events.Topics;
import io.leadsuite.integrations.IntegrationsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syncs as a frontend and the import worker see them: the first one requested by the scheduler right
 * after connecting, on {@code integrations.sync-requests.v1}; one at a time per config; the worker's
 * progress events (sent here as it sends them) moving it to running and back to idle with its outcome.
 */
class SyncIT extends IntegrationsServiceIT {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void theFirstSyncIsScheduledOnConnectAndTheWorkersProgressKeepsItsStateTrue() {
        String user = newUser();
        String token = token(user);
        try (EventRecorder requests =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.SYNC_REQUESTS)) {
            String configId = (String) connect(token).get("id");

            Map<String, Object> queued = await().atMost(Duration.ofSeconds(20))
                    .until(() -> sync(token), sync -> "queued".equals(sync.get("status")));
            String first = (String) queued.get("jobId");
            assertThat(queued).containsEntry("integration", "hubspot").containsEntry("lastSyncAt", null);
            JsonNode request = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> requests.withKey(configId).stream()
                                    .map(event -> MAPPER.readTree(event.value()))
                                    .filter(event -> first.equals(
                                            event.path("data").path("jobId").asString()))
                                    .findFirst()
                                    .orElse(null),
                            found -> found != null);
            assertThat(request.path("type").asString()).isEqualTo("SyncRequested");
            assertThat(request.path("tenant").path("userId").asString()).isEqualTo(user);
            assertThat(request.path("data").path("integrationId").asString()).isEqualTo(configId);
            assertThat(request.path("data").path("accountId").asString()).isEqualTo(String.valueOf(hubspot.hubId()));
            assertThat(request.path("data").path("trigger").asString()).isEqualTo("scheduled");
            assertThat(request.path("data").path("full").asBoolean()).isFalse();

            Map<String, Object> busy = start(token, "/api/sync/hubspot", 409);
            assertThat(busy).containsEntry("jobId", first);
            assertThat((String) busy.get("detail")).contains(first);
            assertThat(start(token, "/api/integrations/hubspot/import", 409)).containsEntry("jobId", first);

            progress(user, configId, first, ImportChange.PROGRESSED, "processing", null, Instant.now());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "running".equals(sync(token).get("status")));

            Instant completedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            progress(user, configId, first, ImportChange.COMPLETED, "completed", null, completedAt);
            Map<String, Object> done = await().atMost(Duration.ofSeconds(20))
                    .until(() -> sync(token), sync -> "idle".equals(sync.get("status")));
            assertThat(Instant.parse((String) done.get("lastSyncAt"))).isEqualTo(completedAt);
            assertThat(done).containsEntry("jobId", null).containsEntry("lastError", null);
            assertThat(Instant.parse((String) done.get("nextSyncAt")))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
            assertThat(lastJob(done))
                    .containsEntry("jobId", first)
                    .containsEntry("status", "completed")
                    .containsEntry("processed", 10)
                    .containsEntry("created", 7)
                    .containsEntry("updated", 2)
                    .containsEntry("failed", 1);

            Map<String, Object> full = start(token, "/api/integrations/hubspot/import", 202);
            String second = (String) full.get("jobId");
            assertThat(second).isNotEqualTo(first);
            assertThat(full).containsEntry("full", true).containsEntry("status", "queued");

            progress(user, configId, second, ImportChange.FAILED, "failed", "interrupted", Instant.now());
            Map<String, Object> failed = await().atMost(Duration.ofSeconds(20))
                    .until(() -> sync(token), sync -> "idle".equals(sync.get("status")));
            assertThat(failed).containsEntry("lastError", "sync failed: interrupted");
            assertThat(Instant.parse((String) failed.get("lastSyncAt"))).isEqualTo(completedAt);
            assertThat(lastJob(failed)).containsEntry("jobId", second).containsEntry("failureReason", "interrupted");

            progress(user, configId, first, ImportChange.PROGRESSED, "processing", null, Instant.now());
            Map<String, Object> third = start(token, "/api/sync/hubspot", 202);
            assertThat(third).containsEntry("full", false);
            assertThat(sync(token)).containsEntry("status", "queued").containsEntry("jobId", third.get("jobId"));
        }
    }

    @Test
    void ofManyRequestsAtOnceOneStartsASyncAndTheOthersNameIt() {
        String user = newUser();
        String token = token(user);
        String configId = (String) connect(token).get("id");
        String scheduled = (String) await().atMost(Duration.ofSeconds(20))
                .until(() -> sync(token), sync -> "queued".equals(sync.get("status")))
                .get("jobId");
        progress(user, configId, scheduled, ImportChange.COMPLETED, "completed", null, Instant.now());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "idle".equals(sync(token).get("status")));

        List<CompletableFuture<Map<String, Object>>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.post()
                        .uri("/api/sync/hubspot")
                        .headers(bearer(token))
                        .exchange()
                        .returnResult(JSON)
                        .getResponseBody()
                        .blockFirst()))
                .toList();
        List<Map<String, Object>> answers =
                calls.stream().map(CompletableFuture::join).toList();
        List<Map<String, Object>> started = answers.stream()
                .filter(answer -> "queued".equals(answer.get("status")))
                .toList();
        assertThat(started).hasSize(1);
        assertThat(answers)
                .filteredOn(answer -> Integer.valueOf(409).equals(answer.get("status")))
                .hasSize(7)
                .allSatisfy(answer ->
                        assertThat(answer).containsEntry("jobId", started.get(0).get("jobId")));
    }

    @Test
    void anotherUsersSyncsAreNotFoundAndNotListed() {
        String owner = token(newUser());
        connect(owner);
        String other = token(newUser());

        assertThat(syncs(other)).isEmpty();
        http.post()
                .uri("/api/sync/hubspot")
                .headers(bearer(other))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.post()
                .uri("/api/integrations/hubspot/import")
                .headers(bearer(other))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.post()
                .uri("/api/sync/salesforce-nope")
                .headers(bearer(other))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private Map<String, Object> start(String token, String path, int status) {
        return http.post()
                .uri(path)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_TYPE,
                        type -> assertThat(type)
                                .contains(status == 202 ? "application/json" : "application/problem+json"))
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private List<Map<String, Object>> syncs(String token) {
        return http.get()
                .uri("/api/sync")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> sync(String token) {
        List<Map<String, Object>> syncs = syncs(token);
        assertThat(syncs).hasSize(1);
        return syncs.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastJob(Map<String, Object> sync) {
        return (Map<String, Object>) sync.get("lastJob");
    }

    /** An event of the job's, as the import worker publishes it on {@code imports.progress.v1}. */
    private static void progress(
            String user, String configId, String jobId, String type, String status, String reason, Instant at) {
        ImportChange.Progress data = new ImportChange.Progress(
                jobId, "hubspot", status, 10, 10, 9, 1, 7, 2, 0, 1.0, false, null, reason, configId, at);
        EventEnvelope<ImportChange.Progress> envelope =
                EventEnvelope.of(type, "import-worker", at, new EventEnvelope.Tenant(user, null), data);
        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            sender.send(Topics.IMPORT_PROGRESS, jobId, MAPPER.writeValueAsString(envelope));
        }
    }
}
