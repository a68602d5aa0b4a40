package io.leadsuite.testkit;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The two calls every API helper of the kit is made of, as a user with a bearer token. */
final class JsonCalls {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private JsonCalls() {}

    /** A {@code POST} of {@code body} that must answer {@code 201}, as JSON. */
    static Map<String, Object> create(WebTestClient http, String token, String uri, Object body) {
        return expect(
                http.post()
                        .uri(uri)
                        .headers(headers -> headers.setBearerAuth(token))
                        .bodyValue(body)
                        .exchange(),
                HttpStatus.CREATED);
    }

    /** A {@code GET} that must answer {@code 200}, as JSON. */
    static Map<String, Object> get(WebTestClient http, String token, String uri) {
        return expect(
                http.get()
                        .uri(uri)
                        .headers(headers -> headers.setBearerAuth(token))
                        .exchange(),
                HttpStatus.OK);
    }

    private static Map<String, Object> expect(WebTestClient.ResponseSpec response, HttpStatus status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
