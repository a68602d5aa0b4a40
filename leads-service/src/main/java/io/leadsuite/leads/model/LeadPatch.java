package io.leadsuite.leads.model;

import io.leadsuite.common.web.FieldViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A partial update in JSON Merge Patch form (RFC 7396): a field present with a value sets it, present
 * with {@code null} clears it; {@code customFields} and {@code integrationIds} merge entry by entry.
 * {@link #merging} makes the patch that merges a second copy of a lead (a duplicate) into the lead.
 */
public final class LeadPatch {

    private static final Set<String> READ_ONLY =
            Set.of("id", "userId", "source", "createdAt", "updatedAt", "phoneE164", "version");

    private LeadPatch() {}

    /** The lead's current fields with {@code patch} applied; rejected entries add violations instead. */
    public static LeadInput apply(
            LeadState lead, Map<String, @Nullable Object> patch, List<FieldViolation> violations) {
        LeadFields fields = lead.fields().patched(patch, violations);
        String listId = LeadState.hex(lead.listId());
        Map<String, @Nullable Object> customFields = new LinkedHashMap<>(CustomFields.toJson(lead.customFields()));
        Map<String, @Nullable Object> integrationIds =
                new LinkedHashMap<>(lead.integrationIds().present());
        for (Map.Entry<String, @Nullable Object> entry : patch.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (LeadFields.isField(field)) {
                continue;
            }
            switch (field) {
                case "listId" -> {
                    if (value == null || value instanceof String) {
                        listId = (String) value;
                    } else {
                        violations.add(new FieldViolation(field, "must be a string or null"));
                    }
                }
                case "customFields" -> merge(customFields, value, field, violations);
                case "integrationIds" -> {
                    merge(integrationIds, value, field, violations);
                    integrationIds(integrationIds, violations);
                }
                default ->
                    violations.add(new FieldViolation(
                            field, READ_ONLY.contains(field) ? "cannot be changed" : "is not a field of a lead"));
            }
        }
        return new LeadInput(
                fields,
                customFields,
                new IntegrationIds(
                        string(integrationIds.get("hubspotRecordId")),
                        string(integrationIds.get("salesforceRecordId")),
                        string(integrationIds.get("googleSheetsRowId"))),
                listId);
    }

    /**
     * The patch that merges {@code duplicate}, another copy of a lead, into the lead: each standard field
     * that is present and not blank, and the list, replace the lead's; each custom field and integration
     * id that has a value is added or replaces the lead's entry of that name. Nothing is cleared.
     */
    public static Map<String, @Nullable Object> merging(LeadInput duplicate) {
        Map<String, @Nullable Object> patch = new LinkedHashMap<>();
        duplicate.fieldsOrNone().toMap().forEach((name, value) -> {
            if (hasValue(value)) {
                patch.put(name, value);
            }
        });
        Map<String, @Nullable Object> customFields = new LinkedHashMap<>();
        if (duplicate.customFields() != null) {
            duplicate.customFields().forEach((name, value) -> {
                if (hasValue(value)) {
                    customFields.put(name, value);
                }
            });
        }
        if (!customFields.isEmpty()) {
            patch.put("customFields", customFields);
        }
        Map<String, @Nullable Object> integrationIds = new LinkedHashMap<>();
        if (duplicate.integrationIds() != null) {
            duplicate.integrationIds().present().forEach((platform, id) -> {
                if (hasValue(id)) {
                    integrationIds.put(platform, id);
                }
            });
        }
        if (!integrationIds.isEmpty()) {
            patch.put("integrationIds", integrationIds);
        }
        if (hasValue(duplicate.listId())) {
            patch.put("listId", duplicate.listId());
        }
        return patch;
    }

    private static boolean hasValue(@Nullable Object value) {
        return value != null && !(value instanceof String text && text.isBlank());
    }

    private static void integrationIds(Map<String, @Nullable Object> ids, List<FieldViolation> violations) {
        ids.forEach((platform, id) -> {
            if (!IntegrationIds.PLATFORMS.contains(platform)) {
                violations.add(new FieldViolation(
                        "integrationIds." + platform,
                        "is not a platform (" + String.join(", ", IntegrationIds.PLATFORMS) + ")"));
            } else if (id != null && !(id instanceof String)) {
                violations.add(new FieldViolation("integrationIds." + platform, "must be a string or null"));
            }
        });
    }

    private static void merge(
            Map<String, @Nullable Object> target,
            @Nullable Object value,
            String field,
            List<FieldViolation> violations) {
        if (value == null) {
            target.clear();
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((name, entry) -> {
                if (entry == null) {
                    target.remove(String.valueOf(name));
                } else {
                    target.put(String.valueOf(name), entry);
                }
            });
        } else {
            violations.add(new FieldViolation(field, "must be an object or null"));
        }
    }

    private static @Nullable String string(@Nullable Object value) {
        return value instanceof String text ? text : null;
    }
}
