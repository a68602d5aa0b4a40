package io.leadsuite.testkit;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calls of lines-service's API that tests make over and over, as a user with a bearer token. */
public record LinesApi(WebTestClient http) {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = JsonCalls.JSON;

    /** Buys a line with {@code profile} ({@code email}, {@code firstName}, ...); expects {@code 201}. */
    public Map<String, Object> buy(String token, Map<String, ?> profile) {
        return JsonCalls.create(http, token, "/api/lines", profile);
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
        return JsonCalls.get(http, token, uri);
    }
}
