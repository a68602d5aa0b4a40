package io.leadsuite.leads.model;

import io.leadsuite.common.events.LeadChange.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * The validated, normalised fields a user controls, as {@link LeadRules} produced them.
 *
 * @param phoneE164 the phone in E.164 form when it is a valid number
 */
public record LeadState(
        LeadFields fields,
        @Nullable String phoneE164,
        List<CustomField> customFields,
        IntegrationIds integrationIds,
        @Nullable ObjectId listId) {

    public static LeadState of(LeadDocument lead) {
        return new LeadState(
                lead.fields(),
                lead.phoneE164(),
                lead.customFieldsOrEmpty(),
                lead.integrationIdsOrNone(),
                lead.listId());
    }

    /** This state in another list ({@code null}: in none). */
    public LeadState inList(@Nullable ObjectId list) {
        return new LeadState(fields, phoneE164, customFields, integrationIds, list);
    }

    /**
     * What changed from {@code before} to this state, field by field ({@code customFields.<name>} and
     * {@code integrationIds.<name>} per entry), with the values an API client sees.
     */
    public Map<String, FieldChange> changesSince(LeadState before) {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        for (LeadFields.Field field : LeadFields.TABLE) {
            compare(
                    changes,
                    field.name(),
                    field.value().apply(before.fields),
                    field.value().apply(fields));
        }
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
        for (String platform : IntegrationIds.PLATFORMS) {
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

    public static @Nullable String hex(@Nullable ObjectId id) {
        return id == null ? null : id.toHexString();
    }
}
