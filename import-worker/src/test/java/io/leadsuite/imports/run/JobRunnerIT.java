package io.leadsuite.imports.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.Topics;
import io.leadsuite.imports.ImportApi;
import io.leadsuite.imports.job.Counts;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.JobStatus;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.MeterCounts;
import io.leadsuite.testkit.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The worker against the real store and broker, writing to a stand-in of leads-service's batch
 * endpoint over HTTP (the real one is exercised by the local stack's test), in batches of 2 rows.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "leadsuite.imports.batch-size=2",
            "leadsuite.imports.lease=3s",
            "leadsuite.imports.push-enabled=false",
            "spring.cloud.function.definition=integrationChanges"
        })
class JobRunnerIT extends StubbedLeadsServiceIT {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Test
    void importsEachRowOnceCountingCreatedSkippedAndFailedAndReportsProgress() {
        String token = ImportApi.token();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "First Name,Last Name,Email,Phone,Notes\n"
                + "Ada,Lovelace,ada." + run + "@example.com,+1-555-0124,\"first line\nsecond line\"\n"
                + "Grace,Hopper,not-an-email,+1-555-0125,\n"
                + "Ada,Lovelace,ada." + run + "@example.com,+1-555-0124,again\n"
                + "Alan,Turing,alan." + run + "@example.com\n"
                + "Linus,Torvalds,linus." + run + "@example.com,+1-555-0126,\n";
        try (EventRecorder progress =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.IMPORT_PROGRESS)) {
            String id = api.start(token, csv);

            Map<String, Object> job = api.awaitEnded(token, id);
            assertThat(job)
                    .containsEntry("status", "completed")
                    .containsEntry("totalRecords", 5)
                    .containsEntry("processedRecords", 5)
                    .containsEntry("created", 2)
                    .containsEntry("skipped", 1)
                    .containsEntry("failedRecords", 2)
                    .containsEntry("successfulRecords", 2)
                    .containsEntry("progress", 1.0);
            // Row numbers as a spreadsheet shows them: the quoted line break makes Ada's row span 2 and 3.
            assertThat((List<Map<String, Object>>) job.get("errors"))
                    .extracting(error -> error.get("row"), error -> error.get("field"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(4, "email"),
                            org.assertj.core.groups.Tuple.tuple(6, "row"));

            String errors = http.get()
                    .uri("/api/imports/" + id + "/errors.csv")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(errors.lines().toList())
                    .hasSize(3)
                    .first()
                    .isEqualTo("First Name,Last Name,Email,Phone,Notes,error_row,error_field,error_message");
            assertThat(errors)
                    .contains("Grace,Hopper,not-an-email,'+1-555-0125,,4,email,must be a valid email address");

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(progress.withKey(id))
                            .isNotEmpty()
                            .last()
                            .satisfies(event -> assertThat(event.value())
                                    .contains("\"type\":\"ImportCompleted\"", "\"created\":2")));
        }
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAndContinuesAfterItsCheckpoint() {
        String token = ImportApi.token();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = api.start(token, ImportApi.leadsCsv(6, run));
        api.awaitEnded(token, id);

        // As if a worker had stored rows 2 to 4 and died holding the job: its lease runs out, the
        // request comes again, and a live worker continues after row 4 with the checkpoint's totals.
        Counts checkpoint = new Counts(3, 3, 0, 0, 0, 4);
        mongo.updateFirst(
                        query(where("_id").is(new org.bson.types.ObjectId(id))),
                        new Update()
                                .set("status", JobStatus.processing)
                                .set("counts", checkpoint)
                                .set(
                                        "lease",
                                        new ImportJob.Lease(
                                                "a-dead-worker", Instant.now().plusSeconds(2))),
                        ImportJob.class)
                .block(Duration.ofSeconds(10));
        leads.refsSent.clear();
        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            sender.send(
                    Topics.IMPORT_REQUESTS, id, "{\"type\":\"ImportRequested\",\"data\":{\"jobId\":\"" + id + "\"}}");
        }

        Map<String, Object> job = api.awaitEnded(token, id);
        assertThat(job)
                .containsEntry("status", "completed")
                .containsEntry("created", 6)
                .containsEntry("processedRecords", 6);
        assertThat(leads.refsSent).containsExactlyInAnyOrder(id + ":5", id + ":6", id + ":7");
    }

    @Test
    void aFileThatBreaksPastItsHeadFailsTheJobNamingTheRowAndKeepsWhatWasWritten() {
        String token = ImportApi.token();
        String run = UUID.randomUUID().toString().substring(0, 8);
        int rows = 2_000;
        byte[] valid = ImportApi.leadsCsv(rows, run).getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(valid, valid.length + 20);
        System.arraycopy("Bad,Byte,\u0000".getBytes(StandardCharsets.UTF_8), 0, broken, valid.length, 9);
        broken[valid.length + 9] = (byte) 0xFF;
        broken[valid.length + 10] = '\n';
        byte[] file = java.util.Arrays.copyOf(broken, valid.length + 11);
        assertThat(file.length).as("breaks past the head").isGreaterThan(64 * 1024);

        Map<String, Object> job = api.awaitEnded(token, api.start(token, file));

        assertThat(job).containsEntry("status", "failed").containsEntry("failureReason", "invalid-file");
        assertThat((String) job.get("failureMessage")).contains(String.valueOf(rows + 2));
        assertThat(((Number) job.get("created")).longValue()).isPositive().isLessThanOrEqualTo(rows);
    }

    @Test
    void countsRowsByOutcomeOnceCheckpointedAndJobsByHowTheyEnded() {
        String user = "user_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer().mint(user);
        double created = MeterCounts.count(meters, "leadsuite.imports.rows", "outcome", "created");
        double failed = MeterCounts.count(meters, "leadsuite.imports.rows", "outcome", "failed");
        double completed = MeterCounts.count(meters, "leadsuite.imports.jobs", "status", "completed");
        double storeFull = MeterCounts.count(meters, "leadsuite.imports.jobs", "reason", "store-full");
        String csv = "First Name,Last Name,Email,Phone\n"
                + "Ada,Lovelace,ada." + user + "@example.com,+1-555-0124\n"
                + "Grace,Hopper,not-an-email,+1-555-0125\n"
                + "Alan,Turing,alan." + user + "@example.com,+1-555-0126\n";

        assertThat(api.awaitEnded(token, api.start(token, csv))).containsEntry("status", "completed");
        leads.roomByUser.put(user, 0);
        assertThat(api.awaitEnded(token, api.start(token, ImportApi.leadsCsv(2, user))))
                .containsEntry("failureReason", "store-full");

        assertThat(MeterCounts.count(meters, "leadsuite.imports.rows", "outcome", "created") - created)
                .isEqualTo(2);
        assertThat(MeterCounts.count(meters, "leadsuite.imports.rows", "outcome", "failed") - failed)
                .isEqualTo(1);
        assertThat(MeterCounts.count(meters, "leadsuite.imports.jobs", "status", "completed") - completed)
                .isEqualTo(1);
        assertThat(MeterCounts.count(meters, "leadsuite.imports.jobs", "reason", "store-full") - storeFull)
                .isEqualTo(1);
    }

    @Test
    void aStoreOutOfRoomFailsTheJobAtOnceWithItsReasonAndKeepsWhatWasWritten() {
        String user = "user_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer().mint(user);
        leads.roomByUser.put(user, 3);

        Map<String, Object> job = api.awaitEnded(token, api.start(token, ImportApi.leadsCsv(6, user)));

        assertThat(job)
                .containsEntry("status", "failed")
                .containsEntry("failureReason", "store-full")
                .containsEntry("created", 2);
        assertThat((String) job.get("failureMessage"))
                .startsWith("The data store has no room for this write: The in-memory store is full.")
                .endsWith("What was stored before it is kept.");
    }

    @Test
    void aRunningJobCancelledStopsAfterTheBatchInFlightKeepingAndCountingWhatItWrote() {
        String token = ImportApi.token();
        String run = UUID.randomUUID().toString().substring(0, 8);
        leads.delay = Duration.ofMillis(50);
        try {
            String id = api.start(token, ImportApi.leadsCsv(2_000, run));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ((Number) api.job(token, id).get("processedRecords")).longValue() >= 10);

            http.post()
                    .uri("/api/imports/" + id + "/cancel")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();

            Map<String, Object> job = api.awaitEnded(token, id);
            assertThat(job).containsEntry("status", "failed").containsEntry("failureReason", "cancelled");
            long created = ((Number) job.get("created")).longValue();
            assertThat(created)
                    .isEqualTo(((Number) job.get("processedRecords")).longValue())
                    .isLessThan(2_000);
            assertThat(leads.leadByRef.keySet().stream().filter(ref -> ref.contains(id)))
                    .as("what was written is kept and counted")
                    .hasSize((int) created);
        } finally {
            leads.delay = Duration.ZERO;
        }
    }
}
