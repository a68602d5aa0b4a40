package io.leadsuite.leads.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lead as a caller supplies it, before validation: the API's request body, one CSV row, one CRM
 * record. The standard fields are at the top level of its JSON, as in {@link LeadFields}. {@link
 * LeadRules#check} turns it into a {@link LeadState} or a list of field errors.
 *
 * @param customFields names exactly as given; values strings, numbers, booleans, or ISO-8601 dates
 *     ({@code 2024-05-31}) and date-times with an offset ({@code 2024-05-31T09:30:00Z})
 * @param listId the id of one of the caller's lists, or absent
 */
public record LeadInput(
        @JsonUnwrapped @Nullable LeadFields fields,
        @Nullable Map<String, Object> customFields,
        @Nullable IntegrationIds integrationIds,
        @Nullable String listId) {

    private static final LeadFields NONE = LeadFields.of(Map.of());

    public LeadFields fieldsOrNone() {
        return fields == null ? NONE : fields;
    }
}
