package io.leadsuite.common.lead;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lead as a caller supplies it, before validation: the API's request body, one CSV row, one CRM
 * record. {@link LeadRules#check} turns it into a {@link LeadState} or a list of field errors.
 *
 * @param customFields names exactly as given; values strings, numbers, booleans, or ISO-8601 dates
 *     ({@code 2024-05-31}) and date-times with an offset ({@code 2024-05-31T09:30:00Z})
 * @param listId the id of one of the caller's lists, or absent
 */
public record LeadInput(
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String companyName,
        @Nullable String jobTitle,
        @Nullable String linkedinUrl,
        @Nullable String notes,
        @Nullable Map<String, Object> customFields,
        @Nullable IntegrationIds integrationIds,
        @Nullable String listId) {}
