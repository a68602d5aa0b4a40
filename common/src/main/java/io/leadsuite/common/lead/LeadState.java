package io.leadsuite.common.lead;

import io.leadsuite.common.events.LeadChange.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/** The validated, normalised fields a user controls, as {@link LeadRules} produced them. */
public record LeadState(
        String firstName,
        String lastName,
        String email,
        String phone,
        @Nullable String phoneE164,
        @Nullable String companyName,
        @Nullable String jobTitle,
        @Nullable String linkedinUrl,
        @Nullable String notes,
        List<CustomField> customFields,
        IntegrationIds integrationIds,
        @Nullable ObjectId listId) {

    static LeadState of(LeadDocument lead) {
        return new LeadState(
                lead.firstName(),
                lead.lastName(),
                lead.email(),
                lead.phone(),
                lead.phoneE164(),
                lead.companyName(),
                lead.jobTitle(),
                lead.linkedinUrl(),
                lead.notes(),
                lead.customFieldsOrEmpty(),
                lead.integrationIdsOrNone(),
                lead.listId());
    }

    /**
     * What changed from {@code before} to this state, field by field ({@code customFields.<name>} and
     * {@code integrationIds.<name>} per entry), with the values an API client sees.
     */
    Map<String, FieldChange> changesSince(LeadState before) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        compare(changes, "firstName", before.firstName, firstName);
        compare(changes, "lastName", before.lastName, lastName);
        compare(changes, "email", before.email, email);
        compare(changes, "phone", before.phone, phone);
        compare(changes, "companyName", before.companyName, companyName);
        compare(changes, "jobTitle", before.jobTitle, jobTitle);
        compare(changes, "linkedinUrl", before.linkedinUrl, linkedinUrl);
        compare(changes, "notes", before.notes, notes);
        compare(changes, "listId", hex(before.listId), hex(listId));
        Map<String, Object> oldFields = CustomFields.toJson(before.customFields);
        Map<String, Object> newFields = CustomFields.toJson(customFields);
        oldFields.forEach((name, value) -> compare(changes, "customFields." + name, value, newFields.get(name)));
        newFields.forEach((name, value) -> {
            if (!oldFields.containsKey(name)) {
                compare(changes, "customFields." + name, null, value);
            }
        });
        Map<String, String> oldIds = before.integrationIds.present();
        Map<String, String> newIds = integrationIds.present();
        for (String platform : List.of("hubspotRecordId", "salesforceRecordId", "googleSheetsRowId")) {
            compare(changes, "integrationIds." + platform, oldIds.get(platform), newIds.get(platform));
        }
        return changes;
    }

    private static void compare(
            Map<String, FieldChange> changes, String field, @Nullable Object from, @Nullable Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new FieldChange(from, to));
        }
    }

    static @Nullable String hex(@Nullable ObjectId id) {
        return id == null ? null : id.toHexString();
    }
}
