package io.leadsuite.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calls of lists-service's API that tests make over and over, as a user with a bearer token. */
public record ListsApi(WebTestClient http) {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = JsonCalls.JSON;

    public Map<String, Object> createList(String token, String name) {
        return JsonCalls.create(http, token, "/api/lists", Map.of("name", name));
    }

    public long leadCount(String token, String listId) {
        Map<String, Object> list = JsonCalls.get(http, token, "/api/lists/" + listId);
        return ((Number) list.get("leadCount")).longValue();
    }

    /** Each list's {@code leadCount}, by list id. */
    public Map<String, Long> counts(String token, List<String> listIds) {
        Map<String, Long> counts = new HashMap<>();
        listIds.forEach(list -> counts.put(list, leadCount(token, list)));
        return counts;
    }
}
