package io.leadsuite.simulators.hubspot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** HubSpot's error bodies: the API's general shape, the 429 shape, and the token endpoint's RFC 6749 + legacy fields. */
final class HubSpotErrors {

    private HubSpotErrors() {}

    static Map<String, Object> api(String category, String message) {
        return api(category, message, List.of());
    }

    static Map<String, Object> api(String category, String message, List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("category", category);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    static Map<String, Object> rateLimited(String policyName, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("policyName", policyName);
        body.put("requestId", UUID.randomUUID().toString());
        return body;
    }

    static Map<String, Object> token(String error, String legacyStatus, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        body.put("status", legacyStatus);
        body.put("message", description);
        body.put("correlationId", UUID.randomUUID().toString());
        return body;
    }

    static Map<String, Object> batchError(
            String category, String message, String code, @Nullable String in, String id) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", message);
        detail.put("code", code);
        if (in != null) {
            detail.put("in", in);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", "error");
        error.put("category", category);
        error.put("message", message);
        error.put("context", Map.of("ids", List.of(id)));
        error.put("errors", List.of(detail));
        error.put("links", Map.of());
        return error;
    }
}
