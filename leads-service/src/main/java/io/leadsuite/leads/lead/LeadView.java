package io.leadsuite.leads.lead;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A lead as the API shows it to its owner. */
record LeadView(
        String id,
        String firstName,
        String lastName,
        String email,
        String phone,
        @Nullable String companyName,
        @Nullable String jobTitle,
        @Nullable String linkedinUrl,
        @Nullable String notes,
        Map<String, Object> customFields,
        Lead.@Nullable IntegrationIds integrationIds,
        @Nullable String listId,
        String source,
        Instant createdAt,
        Instant updatedAt) {

    static LeadView of(Lead lead) {
        return new LeadView(
                lead.id().toHexString(),
                lead.firstName(),
                lead.lastName(),
                lead.email(),
                lead.phone(),
                lead.companyName(),
                lead.jobTitle(),
                lead.linkedinUrl(),
                lead.notes(),
                lead.customFields() == null ? Map.of() : lead.customFields(),
                lead.integrationIds(),
                lead.listId() == null ? null : lead.listId().toHexString(),
                lead.source(),
                lead.createdAt(),
                lead.updatedAt());
    }
}
