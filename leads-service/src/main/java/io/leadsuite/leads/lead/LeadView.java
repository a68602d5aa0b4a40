package io.leadsuite.leads.lead;

import io.leadsuite.common.lead.CustomFields;
import io.leadsuite.common.lead.IntegrationIds;
import io.leadsuite.common.lead.LeadDocument;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lead as the API shows it to its owner: seed-schema.md's fields, custom field names exactly as
 * given, the phone as entered and in E.164 when it is a valid number, and the version for
 * {@code If-Match}.
 */
public record LeadView(
        String id,
        String firstName,
        String lastName,
        String email,
        String phone,
        @Nullable String phoneE164,
        @Nullable String companyName,
        @Nullable String jobTitle,
        @Nullable String linkedinUrl,
        @Nullable String notes,
        Map<String, Object> customFields,
        IntegrationIds integrationIds,
        @Nullable String listId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static LeadView of(LeadDocument lead) {
        return new LeadView(
                lead.id().toHexString(),
                lead.firstName(),
                lead.lastName(),
                lead.email(),
                lead.phone(),
                lead.phoneE164(),
                lead.companyName(),
                lead.jobTitle(),
                lead.linkedinUrl(),
                lead.notes(),
                CustomFields.toJson(lead.customFieldsOrEmpty()),
                lead.integrationIdsOrNone(),
                lead.listId() == null ? null : lead.listId().toHexString(),
                lead.source(),
                lead.createdAt(),
                lead.updatedAt(),
                lead.version());
    }

    /** The version as an entity tag: {@code "3"}. */
    String etag() {
        return "\"" + version + "\"";
    }
}
