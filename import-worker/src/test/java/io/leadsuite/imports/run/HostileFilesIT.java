package io.leadsuite.imports.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.imports.ImportApi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every hostile or broken file, uploaded and run as a user would: each is refused at upload with 400
 * naming what is wrong, or its job ends, {@code failed} with a message naming the row or
 * {@code completed} with the bad rows in its errors. None leaves a job {@code processing}, and the
 * worker goes on to the next file.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "leadsuite.imports.batch-size=500",
            "leadsuite.imports.lease=3s",
            "leadsuite.imports.push-enabled=false",
            "spring.cloud.function.definition=integrationChanges"
        })
class HostileFilesIT extends StubbedLeadsServiceIT {

    private static final String HEADER = "First Name,Last Name,Email,Phone\n";

    /** What a file must come to. */
    sealed interface Outcome {}

    /** Refused at upload: 400 naming {@code field}, with a message containing {@code says}; no job. */
    record Refused(String field, String says) implements Outcome {}

    /** The job ends {@code failed} for {@code reason}, its message containing {@code says}. */
    record Failed(String reason, String says) implements Outcome {}

    /** The job ends {@code completed} with these totals, each failed row named in its errors. */
    record Completed(long created, long failed, List<Long> failedRows) implements Outcome {}

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("empty", new byte[0], new Refused("file", "The file is empty")),
                Arguments.of("header only", utf8(HEADER), new Completed(0, 0, List.of())),
                Arguments.of(
                        "binary",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H'},
                        new Refused("file", "This is not a CSV or text file")),
                Arguments.of(
                        "invalid UTF-8 in the middle",
                        pastTheHead(
                                new byte[] {'B', 'a', 'd', ',', (byte) 0xC3, '(', ',', 'x', '@', 'y', '.', 'z', '\n'}),
                        new Failed("invalid-file", "Row " + (ROWS_PAST_THE_HEAD + 2) + " cannot be read")),
                Arguments.of(
                        "an unbalanced quote",
                        pastTheHead(utf8("Open,\"quote,never@closed.example,+1\nMore,Rows,more@rows.example,+1\n")),
                        new Failed(
                                "invalid-file", "Row " + (ROWS_PAST_THE_HEAD + 2) + ": a quoted cell is never closed")),
                Arguments.of(
                        "a 10 MB cell",
                        utf8(HEADER + "Ann,\"" + "x".repeat(10 * 1024 * 1024) + "\",ann@example.com,+1\n"),
                        new Failed("invalid-file", "Row 2: a cell is longer than 1048576 characters")),
                Arguments.of(
                        "2,000 columns",
                        utf8(String.join(",", Collections.nCopies(2000, "col")) + "\n"),
                        new Refused("file", "columns")),
                Arguments.of(
                        "a missing required column",
                        utf8("First Name,Last Name,Phone\nAnn,Lee,+1-555-0100\n"),
                        new Refused("email", "")),
                Arguments.of(
                        "rows with more and fewer cells than the header",
                        utf8(HEADER
                                + "Ann,Lee,ann@example.com,+1-555-0100,extra\n"
                                + "Bo,Ray\n"
                                + "Cy,Day,cy@example.com,+1-555-0101\n"),
                        new Completed(1, 2, List.of(2L, 3L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void endsWithAClearAnswer(String name, byte[] file, Outcome outcome) {
        String token = ImportApi.token();
        WebTestClient.ResponseSpec upload = api.upload(token, ImportApi.form(file, Map.of()));
        if (outcome instanceof Refused refused) {
            upload.expectStatus()
                    .isBadRequest()
                    .expectBody(ImportApi.JSON)
                    .value(problem -> assertThat((List<Map<String, Object>>) problem.get("errors"))
                            .anySatisfy(error -> {
                                assertThat(error.get("field")).isEqualTo(refused.field());
                                assertThat((String) error.get("message")).contains(refused.says());
                            }));
            assertNoJobs(token);
            return;
        }
        String id = (String) upload.expectStatus()
                .isAccepted()
                .expectBody(ImportApi.JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
        Map<String, Object> job = api.awaitEnded(token, id);
        expect(outcome).accept(job);
    }

    private static Consumer<Map<String, Object>> expect(Outcome outcome) {
        if (outcome instanceof Failed failed) {
            return job -> {
                assertThat(job).containsEntry("status", "failed").containsEntry("failureReason", failed.reason());
                assertThat((String) job.get("failureMessage")).contains(failed.says());
            };
        }
        Completed completed = (Completed) outcome;
        return job -> {
            assertThat(job).containsEntry("status", "completed");
            assertThat(((Number) job.get("created")).longValue()).isEqualTo(completed.created());
            assertThat(((Number) job.get("failedRecords")).longValue()).isEqualTo(completed.failed());
            assertThat((List<Map<String, Object>>) job.get("errors"))
                    .extracting(error -> ((Number) error.get("row")).longValue())
                    .containsExactlyElementsOf(completed.failedRows());
        };
    }

    private void assertNoJobs(String token) {
        http.get()
                .uri("/api/imports")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ImportApi.JSON)
                .value(page -> assertThat((List<?>) page.get("items")).isEmpty());
    }

    /** Valid rows enough to fill more than the head the upload reads, so the file breaks only past it. */
    private static final int ROWS_PAST_THE_HEAD = 2_000;

    private static byte[] pastTheHead(byte[] brokenRow) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(
                utf8(ImportApi.leadsCsv(ROWS_PAST_THE_HEAD, UUID.randomUUID().toString())));
        file.writeBytes(brokenRow);
        return file.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
