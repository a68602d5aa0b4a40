package io.leadsuite.imports.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.testkit.Component;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.WithInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
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
        properties = {"leadsuite.imports.worker-enabled=false", "leadsuite.imports.max-file-size=256KB"})
@AutoConfigureWebTestClient(timeout = "30s")
class UploadIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String CSV = "First Name,Last Name,E-mail Address,Mobile Phone,Region\r\n"
            + "Ada,Lovelace,ada@example.com,+1-555-0124,EMEA\r\n";

    @Autowired
    WebTestClient http;

    @Autowired
    ReactiveMongoTemplate mongo;

    @LocalServerPort
    int port;

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
        String token = token();
        try (EventRecorder requests =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.IMPORT_REQUESTS)) {
            Map<String, Object> job = upload(token, form(CSV.getBytes(StandardCharsets.UTF_8), Map.of()))
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
        String token = token();
        long filesBefore = count("import_files.files");
        long chunksBefore = count("import_files.chunks");
        byte[] big = new byte[300 * 1024];
        Arrays.fill(big, (byte) 'a');
        System.arraycopy(CSV.getBytes(StandardCharsets.UTF_8), 0, big, 0, CSV.length());

        upload(unpooled(), token, form(big, Map.of()))
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
        upload(unpooled(), token, chunked.build())
                .expectStatus()
                .isEqualTo(413)
                .expectBody(JSON)
                .value(problem -> assertThat((String) problem.get("detail")).contains("limit"));

        assertThat(count("import_files.files")).isEqualTo(filesBefore);
        assertThat(count("import_files.chunks")).isEqualTo(chunksBefore);
    }

    @Test
    void badFieldsAnswer400NamingEachAndStoreNothing() {
        String token = token();
        long filesBefore = count("import_files.files");
        long jobsBefore = count("import_jobs");
        byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);

        assertNames(
                upload(token, form(csv, Map.of("listId", "665f1b9d8a4b2c0012345601", "newListName", "Fair"))),
                "newListName");
        assertNames(upload(token, form(csv, Map.of("duplicatePolicy", "merge"))), "duplicatePolicy");
        assertNames(upload(token, form(csv, Map.of("dryRun", "yes"))), "dryRun");
        assertNames(upload(token, form(csv, Map.of("fieldMapping", "[1,2]"))), "fieldMapping");
        assertNames(upload(token, form(csv, Map.of("fieldMapping", "{\"Mobile Phone\":\"ignore\"}"))), "phone");
        assertNames(upload(token, form(csv, Map.of("fieldMapping", "{\"Fax\":\"notes\"}"))), "fieldMapping.Fax");
        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("dryRun", "true");
        assertNames(upload(token, noFile.build()), "file");

        assertThat(count("import_files.files")).isEqualTo(filesBefore);
        assertThat(count("import_jobs")).isEqualTo(jobsBefore);
    }

    @Test
    void anotherUsersJobIsNotFoundEverywhere() {
        String owner = token();
        String id = (String) upload(owner, form(CSV.getBytes(StandardCharsets.UTF_8), Map.of()))
                .expectStatus()
                .isAccepted()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
        String stranger = token();
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
        String token = token();
        String id = (String) upload(token, form(CSV.getBytes(StandardCharsets.UTF_8), Map.of()))
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
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
                .headers(headers -> headers.setBearerAuth(token()))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(form(windows1252, Map.of())))
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
                    .headers(headers -> headers.setBearerAuth(token()))
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(BodyInserters.fromMultipartData(
                            form(csv.toString().getBytes(StandardCharsets.UTF_8), Map.of())))
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
        assertNames(upload(token(), form(zip, Map.of())), "file");
    }

    private void assertNames(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat((List<Map<String, Object>>) problem.get("errors"))
                        .extracting(error -> error.get("field"))
                        .contains(field));
    }

    private WebTestClient.ResponseSpec upload(String token, org.springframework.util.MultiValueMap<String, ?> form) {
        return upload(http, token, form);
    }

    private static WebTestClient.ResponseSpec upload(
            WebTestClient client, String token, org.springframework.util.MultiValueMap<String, ?> form) {
        return client.post()
                .uri("/api/imports")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(form))
                .exchange();
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> form(
            byte[] file, Map<String, String> fields) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        fields.forEach(body::part);
        body.part("file", new ByteArrayResource(file) {
                    @Override
                    public String getFilename() {
                        return "leads.csv";
                    }
                })
                .contentType(MediaType.parseMediaType("text/csv"));
        return body.build();
    }

    private long count(String collection) {
        return mongo.getCollection(collection)
                .flatMap(documents -> reactor.core.publisher.Mono.from(documents.countDocuments()))
                .block(Duration.ofSeconds(10));
    }

    private static String token() {
        return SharedInfrastructure.jwtIssuer().mint("user_" + UUID.randomUUID());
    }
}
