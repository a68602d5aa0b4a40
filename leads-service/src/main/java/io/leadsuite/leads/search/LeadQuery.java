package io.leadsuite.leads.search;

import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.LeadSources;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The filters and order of a lead listing or export, read from query parameters:
 *
 * <ul>
 *   <li>{@code q}: case-insensitive text in first or last name, email, company or phone;
 *   <li>{@code listId}: a list's id, or {@code none} for leads in no list;
 *   <li>{@code source}: {@code csv}, {@code google_sheets}, {@code salesforce}, {@code hubspot}, {@code manual};
 *   <li>{@code createdFrom} (inclusive) and {@code createdTo} (exclusive): ISO-8601 instants;
 *   <li>{@code companyName}: exact, regardless of case;
 *   <li>{@code customFields[<name>]=<value>}: equality on a custom field (repeatable; all must hold);
 *   <li>{@code sort}: see {@link LeadSort}.
 * </ul>
 */
public record LeadQuery(
        @Nullable String text,
        @Nullable ObjectId listId,
        boolean inNoList,
        @Nullable String source,
        @Nullable Instant createdFrom,
        @Nullable Instant createdTo,
        @Nullable String companyName,
        Map<String, String> customFields,
        LeadSort sort) {

    static final int MAX_TEXT = 100;
    private static final String CUSTOM_FIELD = "customFields[";

    public static LeadQuery from(MultiValueMap<String, String> parameters) {
        List<FieldViolation> violations = new ArrayList<>();
        String text = parameters.getFirst("q");
        if (text != null && text.length() > MAX_TEXT) {
            violations.add(new FieldViolation("q", "must be at most " + MAX_TEXT + " characters"));
        }
        String list = parameters.getFirst("listId");
        ObjectId listId = null;
        if (list != null && !list.equals("none")) {
            if (ObjectId.isValid(list)) {
                listId = new ObjectId(list);
            } else {
                violations.add(new FieldViolation("listId", "must be a list id or none"));
            }
        }
        String source = parameters.getFirst("source");
        if (source != null && !LeadSources.ALL.contains(source)) {
            violations.add(new FieldViolation("source", "must be one of " + String.join(", ", LeadSources.ALL)));
        }
        Instant from = instant(parameters.getFirst("createdFrom"), "createdFrom", violations);
        Instant to = instant(parameters.getFirst("createdTo"), "createdTo", violations);
        Map<String, String> customFields = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (name.startsWith(CUSTOM_FIELD) && name.endsWith("]") && name.length() > CUSTOM_FIELD.length() + 1) {
                customFields.put(name.substring(CUSTOM_FIELD.length(), name.length() - 1), values.get(0));
            }
        });
        String sortParameter = parameters.getFirst("sort");
        LeadSort sort = LeadSort.NEWEST;
        if (sortParameter != null) {
            try {
                sort = LeadSort.parse(sortParameter);
            } catch (RuntimeException invalid) {
                violations.add(new FieldViolation(
                        "sort",
                        "must be one of -createdAt, createdAt, lastName, -lastName, companyName, -companyName"));
            }
        }
        if (!violations.isEmpty()) {
            throw Problems.invalid(violations);
        }
        return new LeadQuery(
                text == null || text.isBlank() ? null : text.strip(),
                listId,
                "none".equals(list),
                source,
                from,
                to,
                blankToNull(parameters.getFirst("companyName")),
                customFields,
                sort);
    }

    private static @Nullable Instant instant(@Nullable String value, String field, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ex) {
            violations.add(new FieldViolation(field, "must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z"));
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
