package io.leadsuite.imports.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.imports.ImportApi;
import io.leadsuite.imports.errors.ErrorRow;
import io.leadsuite.imports.errors.ErrorRows;
import io.leadsuite.imports.job.Counts;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.JobStatus;
import io.leadsuite.testkit.TestClock;
import io.leadsuite.testkit.WithInfrastructure;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The retention sweep against the real store, with the application's clock moved forward: a job is
 * archived only once it has ended and is older than the retention, and then its file and error rows are
 * gone while the job and its totals stay.
 */
@WithInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "leadsuite.imports.worker-enabled=false",
            "leadsuite.imports.archive-interval=1d",
            "leadsuite.imports.push-enabled=false",
            "spring.cloud.function.definition=integrationChanges"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestClock.Configuration.class)
class JobArchiveIT {

    private static final Duration RETENTION = Duration.ofDays(90);
    private static final String CSV = "First Name,Last Name,Email,Phone\nAda,Lovelace,ada@example.com,+1-555-0100\n";

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    JobArchive archive;

    @Autowired
    ErrorRows errorRows;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEndedJobPastTheRetentionLosesItsFileAndErrorRowsAndKeepsItsTotals() {
        ImportApi api = new ImportApi(http);
        String token = ImportApi.token();
        ObjectId ended = new ObjectId(api.start(token, CSV));
        ObjectId running = new ObjectId(api.start(token, CSV));
        ObjectId file = job(ended).fileId();
        end(ended);
        errorRows
                .record(List.of(ErrorRow.of(ended, 2, List.of("Ada"), "email", "must be a valid email address")))
                .block(Duration.ofSeconds(10));
        mongo.updateFirst(
                        query(where("_id").is(running)),
                        new Update().set("status", JobStatus.processing),
                        ImportJob.class)
                .block(Duration.ofSeconds(10));

        clock.advance(RETENTION.minusDays(1));
        archive.archive(RETENTION).block(Duration.ofSeconds(30));
        assertThat(job(ended).archivedAt()).as("younger than the retention").isNull();

        clock.advance(Duration.ofDays(2));
        archive.archive(RETENTION).block(Duration.ofSeconds(30));

        ImportJob archived = job(ended);
        assertThat(archived.archivedAt()).isAfter(archived.createdAt().plus(RETENTION));
        assertThat(archived.fileId()).isNull();
        assertThat(count("import_files.files", new Document("_id", file))).isZero();
        assertThat(count("import_files.chunks", new Document("files_id", file))).isZero();
        assertThat(count(ErrorRow.COLLECTION, new Document("jobId", ended))).isZero();
        assertThat(job(running).archivedAt())
                .as("a job still running is left alone")
                .isNull();
        assertThat(job(running).fileId()).isNotNull();
        http.get()
                .uri("/api/imports/" + ended)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ImportApi.JSON)
                .value(job ->
                        assertThat(job).containsEntry("status", "completed").containsEntry("created", 1));
        http.get()
                .uri("/api/imports/" + ended + "/errors.csv")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(410);
    }

    private void end(ObjectId id) {
        mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update().set("status", JobStatus.completed).set("counts", new Counts(1, 1, 0, 0, 0, 2)),
                        ImportJob.class)
                .block(Duration.ofSeconds(10));
    }

    private ImportJob job(ObjectId id) {
        return mongo.findById(id, ImportJob.class).block(Duration.ofSeconds(10));
    }

    private long count(String collection, Document filter) {
        return mongo.getCollection(collection)
                .flatMap(documents -> Mono.from(documents.countDocuments(filter)))
                .block(Duration.ofSeconds(10));
    }
}
