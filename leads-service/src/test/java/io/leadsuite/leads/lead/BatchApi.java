package io.leadsuite.leads.lead;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.testkit.LeadsApi;
import io.leadsuite.testkit.SharedInfrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The internal batch endpoint, called as the import worker calls it, and the bodies the tests send. */
record BatchApi(WebTestClient http) {

    static final String BATCHES = "/internal/leads/batches";

    /** Sends a batch with the internal token. */
    WebTestClient.ResponseSpec post(Map<String, Object> batch) {
        return http.post()
                .uri(BATCHES)
                .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                .bodyValue(batch)
                .exchange();
    }

    /** Sends a batch and returns its answer (200). */
    Map<String, Object> store(Map<String, Object> batch) {
        return post(batch)
                .expectStatus()
                .isOk()
                .expectBody(LeadsApi.JSON)
                .returnResult()
                .getResponseBody();
    }

    /** A batch of {@code leads} for {@code userId}, by {@code import:job-1} from a CSV file. */
    static Map<String, Object> batch(String userId, List<Map<String, Object>> leads) {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("userId", userId);
        batch.put("actor", "import:job-1");
        batch.put("source", "csv");
        batch.put("leads", leads);
        return batch;
    }

    /** {@code batch} with {@code duplicatePolicy} set. */
    static Map<String, Object> withPolicy(Map<String, Object> batch, String duplicatePolicy) {
        batch.put("duplicatePolicy", duplicatePolicy);
        return batch;
    }

    /** A minimal valid lead of a batch, with {@code ref} unless it is {@code null}. */
    static Map<String, Object> row(String ref, String firstName, String email) {
        Map<String, Object> row = LeadsApi.lead(firstName, email);
        if (ref != null) {
            row.put("ref", ref);
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("items");
    }

    /** The fields an item's violations name. */
    @SuppressWarnings("unchecked")
    static List<Object> fields(Map<String, Object> item) {
        return ((List<Map<String, Object>>) item.get("violations"))
                .stream().map(violation -> violation.get("field")).toList();
    }

    static List<Object> statuses(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("status")).toList();
    }
}
