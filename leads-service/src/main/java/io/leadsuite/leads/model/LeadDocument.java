package io.leadsuite.leads.model;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * A lead in the {@code leads} collection: its standard fields (stored at the top level of the document,
 * one per {@link LeadFields#TABLE} row), custom fields, integration ids and list, plus what makes the
 * write path safe without transactions: a version, derived keys that unique indexes enforce, and the
 * events of changes not yet relayed to Kafka.
 *
 * <p>Derived keys: {@code emailKey} ({@code userId|lower-cased email}), {@code integrationKeys} (one per
 * platform, {@code userId|recordId}), {@code phoneDigits}, and lower-cased sort keys. A deleted lead stays
 * as a tombstone ({@code deletedAt}, keys unset) only until its last event is relayed. {@code
 * batchRefKey} ({@code userId|ref}) is the client-chosen reference of a lead stored by a batch (an
 * import row), which makes a retried batch find the leads it already stored.
 */
@Document(LeadDocument.COLLECTION)
public record LeadDocument(
        @Id ObjectId id,
        String userId,
        @Unwrapped(onEmpty = Unwrapped.OnEmpty.USE_EMPTY) LeadFields fields,
        @Nullable String phoneE164,
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
        @Nullable String batchRefKey,
        @Nullable Instant deletedAt,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant outboxAt) {

    public static final String COLLECTION = "leads";

    /** The leads of a user that are not deleted: every read and write starts here. */
    public static Criteria live(String userId) {
        return where("userId").is(userId).and("deletedAt").isNull();
    }

    /** Now, to the millisecond: what MongoDB stores, so cursors on timestamps compare exactly. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

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
