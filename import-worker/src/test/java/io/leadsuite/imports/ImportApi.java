package io.leadsuite.imports;

import static org.awaitility.Awaitility.await;

import io.leadsuite.testkit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** The imports API as a frontend calls it: the upload form, the upload, and a job followed to its end. */
public record ImportApi(WebTestClient http) {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    /** A bearer token for a new user. */
    public static String token() {
        return SharedInfrastructure.jwtIssuer().mint("user_" + UUID.randomUUID());
    }

    /**
     * A file of {@code rows} valid leads (file rows 2 to {@code rows + 1}) whose emails carry {@code run},
     * so that no other file's rows are duplicates of them.
     */
    public static String leadsCsv(int rows, String run) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email,Phone\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Lead,Number")
                    .append(i)
                    .append(",lead")
                    .append(i)
                    .append('.')
                    .append(run)
                    .append("@example.com,+1-555-0100\n");
        }
        return csv.toString();
    }

    /** The upload form: {@code file} as {@code leads.csv}, and the optional fields. */
    public static MultiValueMap<String, HttpEntity<?>> form(byte[] file, Map<String, String> fields) {
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

    /** {@code POST /api/imports} with {@code form}, as it answered. */
    public WebTestClient.ResponseSpec upload(String token, MultiValueMap<String, ?> form) {
        return http.post()
                .uri("/api/imports")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(form))
                .exchange();
    }

    /** Uploads {@code csv} with no options and returns the job's id (202). */
    public String start(String token, byte[] csv) {
        return (String) upload(token, form(csv, Map.of()))
                .expectStatus()
                .isAccepted()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    /** Uploads {@code csv} (UTF-8) with no options and returns the job's id (202). */
    public String start(String token, String csv) {
        return start(token, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** The job once it has ended ({@code completed} or {@code failed}), polled for up to a minute. */
    public Map<String, Object> awaitEnded(String token, String id) {
        return awaitEnded(token, id, Duration.ofSeconds(60));
    }

    /** The job once it has ended ({@code completed} or {@code failed}), polled for up to {@code atMost}. */
    public Map<String, Object> awaitEnded(String token, String id, Duration atMost) {
        return await().atMost(atMost)
                .until(
                        () -> job(token, id),
                        job -> job != null && List.of("completed", "failed").contains(job.get("status")));
    }

    /** {@code GET /api/imports/{id}}: the job as it is now. */
    public Map<String, Object> job(String token, String id) {
        return http.get()
                .uri("/api/imports/" + id)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
