package io.leadsuite.testkit;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calls of lines-service's API that tests make over and over, as a user with a bearer token. */
public record LinesApi(WebTestClient http) {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    /** Buys a line with {@code profile} ({@code email}, {@code firstName}, ...); expects {@code 201}. */
    public Map<String, Object> buy(String token, Map<String, ?> profile) {
        return http.post()
                .uri("/api/lines")
                .headers(headers -> headers.setBearerAuth(token))
                .bodyValue(profile)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** Buys a line and answers its id. */
    public String buyId(String token, Map<String, ?> profile) {
        return (String) buy(token, profile).get("id");
    }

    public Map<String, Object> line(String token, String id) {
        return getJson(token, "/api/lines/" + id);
    }

    /** The organization's line counters ({@code freeLinesUsed}, {@code totalLinesCount}, ...). */
    public Map<String, Object> counters(String token) {
        return getJson(token, "/api/organizations/current/lines");
    }

    /** A {@code GET} that must answer {@code 200}, as JSON. */
    public Map<String, Object> getJson(String token, String uri) {
        return http.get()
                .uri(uri)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
