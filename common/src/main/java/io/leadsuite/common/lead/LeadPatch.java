package io.leadsuite.common.lead;

import io.leadsuite.common.web.FieldViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A partial update in JSON Merge Patch form (RFC 7396): a field present with a value sets it, present
 * with {@code null} clears it; {@code customFields} and {@code integrationIds} merge entry by entry.
 */
public final class LeadPatch {

    private static final Set<String> TEXT_FIELDS = Set.of(
            "firstName", "lastName", "email", "phone", "companyName", "jobTitle", "linkedinUrl", "notes", "listId");
    private static final Set<String> READ_ONLY =
            Set.of("id", "userId", "source", "createdAt", "updatedAt", "phoneE164", "version");
    private static final Set<String> PLATFORMS = Set.of("hubspotRecordId", "salesforceRecordId", "googleSheetsRowId");

    private LeadPatch() {}

    /** The lead's current fields with {@code patch} applied; rejected entries add violations instead. */
    static LeadInput apply(LeadDocument lead, Map<String, @Nullable Object> patch, List<FieldViolation> violations) {
        Map<String, @Nullable Object> text = new LinkedHashMap<>();
        text.put("firstName", lead.firstName());
        text.put("lastName", lead.lastName());
        text.put("email", lead.email());
        text.put("phone", lead.phone());
        text.put("companyName", lead.companyName());
        text.put("jobTitle", lead.jobTitle());
        text.put("linkedinUrl", lead.linkedinUrl());
        text.put("notes", lead.notes());
        text.put("listId", LeadState.hex(lead.listId()));
        Map<String, @Nullable Object> customFields =
                new LinkedHashMap<>(CustomFields.toJson(lead.customFieldsOrEmpty()));
        Map<String, @Nullable Object> integrationIds =
                new LinkedHashMap<>(lead.integrationIdsOrNone().present());

        patch.forEach((field, value) -> {
            if (TEXT_FIELDS.contains(field)) {
                if (value == null || value instanceof String) {
                    text.put(field, value);
                } else {
                    violations.add(new FieldViolation(field, "must be a string or null"));
                }
            } else if (field.equals("customFields")) {
                merge(customFields, value, "customFields", violations);
            } else if (field.equals("integrationIds")) {
                merge(integrationIds, value, "integrationIds", violations);
                integrationIds.keySet().stream()
                        .filter(platform -> !PLATFORMS.contains(platform))
                        .forEach(platform -> violations.add(new FieldViolation(
                                "integrationIds." + platform,
                                "is not a platform (hubspotRecordId, salesforceRecordId, googleSheetsRowId)")));
                integrationIds.forEach((platform, id) -> {
                    if (id != null && !(id instanceof String)) {
                        violations.add(new FieldViolation("integrationIds." + platform, "must be a string or null"));
                    }
                });
            } else if (READ_ONLY.contains(field)) {
                violations.add(new FieldViolation(field, "cannot be changed"));
            } else {
                violations.add(new FieldViolation(field, "is not a field of a lead"));
            }
        });
        return new LeadInput(
                (String) text.get("firstName"),
                (String) text.get("lastName"),
                (String) text.get("email"),
                (String) text.get("phone"),
                (String) text.get("companyName"),
                (String) text.get("jobTitle"),
                (String) text.get("linkedinUrl"),
                (String) text.get("notes"),
                customFields,
                new IntegrationIds(
                        string(integrationIds.get("hubspotRecordId")),
                        string(integrationIds.get("salesforceRecordId")),
                        string(integrationIds.get("googleSheetsRowId"))),
                (String) text.get("listId"));
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
