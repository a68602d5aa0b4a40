package io.leadsuite.lists.list;

import io.leadsuite.common.web.FieldViolation;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a list's fields may be and how they are stored: the name required, trimmed, at most 100
 * characters and unique per user in any case (through {@link #nameKey}); the description optional and
 * at most 1000 characters. Each check adds its violations to the caller's list, so that one answer names
 * every field at fault.
 */
final class ListRules {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    private ListRules() {}

    /** What is wrong with the shape of a JSON Merge Patch of a list: fields other than name and description, or of the wrong type. */
    static List<FieldViolation> patchShape(Map<String, @Nullable Object> patch) {
        List<FieldViolation> violations = new ArrayList<>();
        patch.keySet().stream()
                .filter(field -> !field.equals("name") && !field.equals("description"))
                .forEach(field -> violations.add(new FieldViolation(field, "cannot be changed (name, description)")));
        Object description = patch.get("description");
        if (patch.containsKey("name") && !(patch.get("name") instanceof String)) {
            violations.add(new FieldViolation("name", "is required"));
        }
        if (description != null && !(description instanceof String)) {
            violations.add(new FieldViolation("description", "must be a string or null"));
        }
        return violations;
    }

    /** The key that makes names unique per user regardless of case: {@code userId|lower-cased name}. */
    static String nameKey(String userId, String name) {
        return userId + "|" + Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    static @Nullable String name(@Nullable String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("name", "is required"));
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME) {
            violations.add(new FieldViolation("name", "must be at most " + MAX_NAME + " characters"));
            return null;
        }
        return trimmed;
    }

    static @Nullable String description(@Nullable String description, List<FieldViolation> violations) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            violations.add(new FieldViolation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
            return null;
        }
        return description.strip();
    }
}
