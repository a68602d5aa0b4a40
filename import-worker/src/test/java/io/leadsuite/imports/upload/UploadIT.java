package io.leadsuite.imports.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.imports.ImportApi;
import io.leadsuite.testkit.Component;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.WithInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Uploads against the real application (store, broker, token verification), with no worker running
 * ({@code worker-enabled=false}), so each job stays as the upload left it.
 */
@WithInfrastructure({Component.MONGODB, Component.KAFKA, Component.JWT_ISSUER})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "leadsuite.imports.worker-enabled=false",
            "leadsuite.imports.max-file-size=256KB",
            "leadsuite.imports.push-enabled=false",
            "spring.cloud.function.definition=integrationChanges"
        })
@AutoConfigureWebTestClient(timeout = "30s")
class UploadIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = ImportApi.JSON;
    private static final String CSV = "First Name,Last Name,E-mail Address,Mobile Phone,Region\r\n"
            + "Ada,Lovelace,ada@example.com,+1-555-0124,EMEA\r\n";

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveMongoTemplate mongo;

    @LocalServerPort
    int port;

    private ImportApi api;

    @BeforeEach
    void client() {
        api = new ImportApi(http);
    }

    /**
     * A client without a connection pool, for requests the server answers before it has read them (a
     * 413 mid-upload): the server then closes that connection, which a pooled client would reuse.
     */
    private WebTestClient unpooled() {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void storesTheFileCreatesAPendingJobAndQueuesItsRequest() {
        String token = ImportApi.token();
        try (EventRecorder requests =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.IMPORT_REQUESTS)) {
            Map<String, Object> job = api.upload(token, ImportApi.form(CSV.getBytes(StandardCharsets.UTF_8), Map.of()))
                    .expectStatus()
                    .isAccepted()
                    .expectHeader()
                    .exists("Location")
                    .expectBody(JSON)
                    .returnResult()
                    .getResponseBody();

            assertThat(job)
                    .containsEntry("status", "pending")
                    .containsEntry("type", "csv")
                    .containsEntry("fileName", "leads.csv")
                    .containsEntry("fileSize", CSV.length())
                    .containsEntry("duplicatePolicy", "skip")
                    .containsEntry("dryRun", false)
                    .containsEntry("delimiter", ",");
            assertThat(job.get("fieldMapping"))
                    .isEqualTo(Map.of(
                            "First Name", "firstName",
                            "Last Name", "lastName",
                            "E-mail Address", "email",
                            "Mobile Phone", "phone",
                            "Region", "customFields.Region"));
            String id = (String) job.get("id");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(requests.withKey(id))
                            .singleElement()
                            .satisfies(
                                    event -> assertThat(event.value()).contains("\"type\":\"ImportRequested\"", id)));
            http.get()
                    .uri("/api/imports/" + id)
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void aFileOverTheLimitAnswers413AndLeavesNothingStoredWithOrWithoutContentLength() {
        String token = ImportApi.token();
        long filesBefore = count("import_files.files");
        long chunksBefore = count("import_files.chunks");
        byte[] big = new byte[300 * 1024];
        Arrays.fill(big, (byte) 'a');
        System.arraycopy(CSV.getBytes(StandardCharsets.UTF_8), 0, big, 0, CSV.length());

        new ImportApi(unpooled())
                .upload(token, ImportApi.form(big, Map.of()))
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        MultipartBodyBuilder chunked = new MultipartBodyBuilder();
        Flux<DataBuffer> streamed = Flux.range(0, 30)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        Arrays.copyOfRange(big, i * 10_240, (i + 1) * 10_240)));
        chunked.asyncPart("file", streamed, DataBuffer.class)
                .filename("big.csv")
                .contentType(MediaType.TEXT_PLAIN);
        new ImportApi(unpooled())
                .upload(token, chunked.build())
                .expectStatus()
                .isEqualTo(413)
                .expectBody(JSON)
                .value(problem -> assertThat((String) problem.get("detail")).contains("limit"));

        assertThat(count("import_files.files")).isEqualTo(filesBefore);
        assertThat(count("import_files.chunks")).isEqualTo(chunksBefore);
    }

    @Test
    void badFieldsAnswer400NamingEachAndStoreNothing() {
        String token = ImportApi.token();
        long filesBefore = count("import_files.files");
        long jobsBefore = count("import_jobs");
        byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);

        assertNames(
                api.upload(
                        token,
                        ImportApi.form(csv, Map.of("listId", "665f1b9d8a4b2c0012345601", "newListName", "Fair"))),
                "newListName");
        assertNames(api.upload(token, ImportApi.form(csv, Map.of("duplicatePolicy", "merge"))), "duplicatePolicy");
        assertNames(api.upload(token, ImportApi.form(csv, Map.of("dryRun", "yes"))), "dryRun");
        assertNames(api.upload(token, ImportApi.form(csv, Map.of("fieldMapping", "[1,2]"))), "fieldMapping");
        assertNames(
                api.upload(token, ImportApi.form(csv, Map.of("fieldMapping", "{\"Mobile Phone\":\"ignore\"}"))),
                "phone");
        assertNames(
                api.upload(token, ImportApi.form(csv, Map.of("fieldMapping", "{\"Fax\":\"notes\"}"))),
                "fieldMapping.Fax");
        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("dryRun", "true");
        assertNames(api.upload(token, noFile.build()), "file");

        assertThat(count("import_files.files")).isEqualTo(filesBefore);
        assertThat(count("import_jobs")).isEqualTo(jobsBefore);
    }

    @Test
    void anotherUsersJobIsNotFoundEverywhere() {
        String owner = ImportApi.token();
        String id = api.start(owner, CSV);
        String stranger = ImportApi.token();
        for (String path :
                List.of("/api/imports/" + id, "/api/imports/" + id + "/errors.csv", "/api/imports/" + id + "/events")) {
            http.get()
                    .uri(path)
                    .headers(headers -> headers.setBearerAuth(stranger))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        http.post()
                .uri("/api/imports/" + id + "/cancel")
                .headers(headers -> headers.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get()
                .uri("/api/imports")
                .headers(headers -> headers.setBearerAuth(stranger))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .value(page -> assertThat((List<?>) page.get("items")).isEmpty());
    }

    @Test
    void aPendingJobCancelsAtOnceAndThenAnswers409() {
        String token = ImportApi.token();
        String id = api.start(token, CSV);
        http.post()
                .uri("/api/imports/" + id + "/cancel")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .value(job ->
                        assertThat(job).containsEntry("status", "failed").containsEntry("failureReason", "cancelled"));
        http.post()
                .uri("/api/imports/" + id + "/cancel")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void previewsTheHeadOfAWindowsFileWithItsMappingTypesAndFirstRows() {
        String csv = "sep=;\r\nGiven Name;Family Name;E-mail 1 - Value;Phone 1 - Value;Zip;Employees;Région\r\n"
                + "Zoë;Müller;zoe@example.com;+49 30 1234567;01067;12;Süd\r\n";
        byte[] windows1252 = csv.getBytes(java.nio.charset.Charset.forName("windows-1252"));
        Map<String, Object> preview = unpooled()
                .post()
                .uri("/api/imports/preview")
                .headers(headers -> headers.setBearerAuth(ImportApi.token()))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(ImportApi.form(windows1252, Map.of())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(preview.toString()).contains("windows-1252", "Région");
        assertThat((List<Map<String, Object>>) preview.get("columns"))
                .extracting(column -> column.get("column"), column -> column.get("target"))
                .contains(
                        org.assertj.core.groups.Tuple.tuple("Given Name", "firstName"),
                        org.assertj.core.groups.Tuple.tuple("E-mail 1 - Value", "email"),
                        org.assertj.core.groups.Tuple.tuple("Zip", "customFields.Zip"));
        Map<String, Object> first = ((List<Map<String, Object>>) preview.get("rows")).get(0);
        assertThat((Map<String, Object>) first.get("lead"))
                .containsEntry("firstName", "Zoë")
                .containsEntry("customFields", Map.of("Zip", "01067", "Employees", 12, "Région", "Süd"));
    }

    @Test
    void previewsOnlyTheHeadOfAFileLargerThanIt() {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,Phone\n");
        for (int i = 0; csv.length() < 200 * 1024; i++) {
            csv.append("Lead,Number").append(i).append(",lead").append(i).append("@example.com,+1-555-0100\n");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            unpooled()
                    .post()
                    .uri("/api/imports/preview")
                    .headers(headers -> headers.setBearerAuth(ImportApi.token()))
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(BodyInserters.fromMultipartData(
                            ImportApi.form(csv.toString().getBytes(StandardCharsets.UTF_8), Map.of())))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JSON)
                    .value(preview -> assertThat((List<?>) preview.get("rows")).hasSize(5));
        }
    }

    @Test
    void aBinaryFileIsRefusedAtUploadNamingTheFile() {
        byte[] zip = {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0};
        assertNames(api.upload(ImportApi.token(), ImportApi.form(zip, Map.of())), "file");
    }

    private void assertNames(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat((List<Map<String, Object>>) problem.get("errors"))
                        .extracting(error -> error.get("field"))
                        .contains(field));
    }

    private long count(String collection) {
        return mongo.getCollection(collection)
                .flatMap(documents -> reactor.core.publisher.Mono.from(documents.countDocuments()))
                .block(Duration.ofSeconds(10));
    }
}
