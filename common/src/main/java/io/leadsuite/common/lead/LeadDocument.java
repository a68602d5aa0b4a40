package io.leadsuite.common.lead;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A lead in the {@code leads} collection: the fields of seed-schema.md, plus what makes the write path
 * safe without transactions: a version, derived keys that unique indexes enforce, and the events of
 * changes not yet relayed to Kafka.
 *
 * <p>Derived keys: {@code emailKey} ({@code userId|lower-cased email}), {@code integrationKeys} (one per
 * platform, {@code userId|recordId}), {@code phoneDigits}, and lower-cased sort keys. A deleted lead stays
 * as a tombstone ({@code deletedAt}, keys unset) only until its last event is relayed.
 */
@Document(LeadDocument.COLLECTION)
public record LeadDocument(
        @Id ObjectId id,
        String userId,
        String firstName,
        String lastName,
        String email,
        String phone,
        @Nullable String phoneE164,
        @Nullable String companyName,
        @Nullable String jobTitle,
        @Nullable String linkedinUrl,
        @Nullable String notes,
        @Nullable List<CustomField> customFields,
        @Nullable IntegrationIds integrationIds,
        @Nullable ObjectId listId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String emailKey,
        String phoneDigits,
        String lastNameKey,
        String companyNameKey,
        @Nullable IntegrationKeys integrationKeys,
        @Nullable Instant deletedAt,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant outboxAt) {

    public static final String COLLECTION = "leads";

    public List<CustomField> customFieldsOrEmpty() {
        return customFields == null ? List.of() : customFields;
    }

    public IntegrationIds integrationIdsOrNone() {
        return integrationIds == null ? IntegrationIds.NONE : integrationIds;
    }

    public List<PendingEvent> pendingEventsOrEmpty() {
        return pendingEvents == null ? List.of() : pendingEvents;
    }

    /** One unique key per platform, {@code userId|recordId}; absent when the lead has no such id. */
    public record IntegrationKeys(
            @Nullable String hubspot,
            @Nullable String salesforce,
            @Nullable String googleSheets) {}
}
