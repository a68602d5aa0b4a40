package io.leadsuite.leads.lead;

import java.time.Instant;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A lead as stored in the {@code leads} collection, with the field names of seed-schema.md. */
@Document("leads")
record Lead(
        @Id @Nullable ObjectId id,
        String firstName,
        String lastName,
        String email,
        String phone,
        @Nullable String companyName,
        @Nullable String jobTitle,
        @Nullable String linkedinUrl,
        @Nullable String notes,
        @Nullable Map<String, Object> customFields,
        @Nullable IntegrationIds integrationIds,
        @Nullable ObjectId listId,
        String userId,
        String source,
        Instant createdAt,
        Instant updatedAt) {

    static final String SOURCE_MANUAL = "manual";

    /** The lead's record ids in the CRM or sheet it came from. */
    record IntegrationIds(
            @Nullable String hubspotRecordId,
            @Nullable String salesforceRecordId,
            @Nullable String googleSheetsRowId) {}
}
