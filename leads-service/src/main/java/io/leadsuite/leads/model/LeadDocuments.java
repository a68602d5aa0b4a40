package io.leadsuite.leads.model;

import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;

/** How a {@link LeadState} becomes a stored document, and the updates that change one atomically. */
public final class LeadDocuments {

    private LeadDocuments() {}

    /** A new lead in {@code state}, at version 1, with {@code event} queued. */
    public static LeadDocument created(
            ObjectId id,
            String userId,
            LeadState state,
            String source,
            @Nullable String batchRef,
            Instant now,
            EventFactory event) {
        String refKey = batchRef == null ? null : batchRefKey(userId, batchRef);
        LeadDocument lead = document(id, userId, state, source, now, now, 1, refKey, null, null);
        PendingEvent created = event.of(lead);
        return document(id, userId, state, source, now, now, 1, refKey, List.of(created), created.at());
    }

    /**
     * A new lead of a batch in {@code state}, at version 1, with no event queued in it: the batch queues
     * the events of all its leads together ({@link LeadBatchDocument}).
     */
    public static LeadDocument createdInBatch(
            ObjectId id, String userId, LeadState state, String source, @Nullable String batchRef, Instant now) {
        String refKey = batchRef == null ? null : batchRefKey(userId, batchRef);
        return document(id, userId, state, source, now, now, 1, refKey, null, null);
    }

    /** The key of a batch's client-chosen reference, unique per user. */
    public static String batchRefKey(String userId, String batchRef) {
        return userId + "|" + batchRef;
    }

    /** {@code lead} with {@code state}, its derived keys, the next version and {@code now} as update time. */
    public static LeadDocument apply(LeadDocument lead, LeadState state, Instant now) {
        return document(
                lead.id(),
                lead.userId(),
                state,
                lead.source(),
                lead.createdAt(),
                now,
                lead.version() + 1,
                lead.batchRefKey(),
                lead.pendingEvents(),
                lead.outboxAt());
    }

    /** Builds the event of a document, for {@link #created}. */
    @FunctionalInterface
    public interface EventFactory {
        PendingEvent of(LeadDocument lead);
    }

    private static LeadDocument document(
            ObjectId id,
            String userId,
            LeadState state,
            String source,
            Instant createdAt,
            Instant updatedAt,
            long version,
            @Nullable String batchRefKey,
            @Nullable List<PendingEvent> pendingEvents,
            @Nullable Instant outboxAt) {
        LeadFields fields = state.fields();
        String companyName = fields.companyName();
        return new LeadDocument(
                id,
                userId,
                fields,
                state.phoneE164(),
                state.customFields().isEmpty() ? null : state.customFields(),
                state.integrationIds().hasNone() ? null : state.integrationIds(),
                state.listId(),
                source,
                createdAt,
                updatedAt,
                version,
                LeadRules.emailKey(userId, fields.email()),
                LeadRules.digits(fields.phone()),
                fields.lastName().toLowerCase(Locale.ROOT),
                companyName == null ? "" : companyName.toLowerCase(Locale.ROOT),
                integrationKeys(userId, state.integrationIds()),
                batchRefKey,
                null,
                pendingEvents,
                outboxAt);
    }

    /** Sets every field {@code next} may have changed, and queues {@code event} with it. */
    public static Update stateUpdate(LeadDocument next, PendingEvent event) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(next.fields().toMap());
        fields.put("phoneE164", next.phoneE164());
        fields.put("customFields", next.customFields());
        fields.put("integrationIds", next.integrationIds());
        fields.put("listId", next.listId());
        fields.put("emailKey", next.emailKey());
        fields.put("phoneDigits", next.phoneDigits());
        fields.put("lastNameKey", next.lastNameKey());
        fields.put("companyNameKey", next.companyNameKey());
        fields.put("integrationKeys", next.integrationKeys());
        Update update = new Update();
        fields.forEach((field, value) -> {
            if (value == null) {
                update.unset(field);
            } else {
                update.set(field, value);
            }
        });
        return Outbox.append(update.set("updatedAt", next.updatedAt()).set("version", next.version()), event);
    }

    /**
     * Turns the lead into a tombstone that holds its last event: hidden from every read, its unique keys
     * released so the email can be used again at once; the relay removes it once the event is out.
     */
    public static Update deletion(Instant now, long version, PendingEvent event) {
        return Outbox.append(
                new Update()
                        .set("deletedAt", now)
                        .set("updatedAt", now)
                        .set("version", version)
                        .unset("emailKey")
                        .unset("integrationKeys"),
                event);
    }

    private static LeadDocument.@Nullable IntegrationKeys integrationKeys(String userId, IntegrationIds ids) {
        if (ids.hasNone()) {
            return null;
        }
        return new LeadDocument.IntegrationKeys(
                key(userId, ids.hubspotRecordId()),
                key(userId, ids.salesforceRecordId()),
                key(userId, ids.googleSheetsRowId()));
    }

    private static @Nullable String key(String userId, @Nullable String id) {
        return id == null ? null : IntegrationIds.key(userId, id);
    }
}
