package io.leadsuite.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calls of leads-service's API that tests make over and over, as a user with a bearer token. */
public record LeadsApi(WebTestClient http) {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = JsonCalls.JSON;

    /** A minimal valid lead body (the required fields), to add fields to. */
    public static Map<String, Object> lead(String firstName, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", "Doe");
        body.put("email", email);
        body.put("phone", "+1-555-0123");
        return body;
    }

    /** Creates a lead and returns it as the API answered (201). */
    public Map<String, Object> create(String token, Map<String, Object> body) {
        return JsonCalls.create(http, token, "/api/leads", body);
    }

    public WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get()
                .uri(uri)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }

    /** The user's number of live leads, as the listing's {@code total} reports it. */
    public long total(String token) {
        return ((Number) JsonCalls.get(http, token, "/api/leads?includeTotal=true")
                        .get("total"))
                .longValue();
    }
}
