package io.leadsuite.common.lead;

import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;

/** How a {@link LeadState} becomes a stored document, and the updates that change one atomically. */
final class LeadDocuments {

    private LeadDocuments() {}

    static LeadDocument create(ObjectId id, String userId, LeadState state, String source, Instant now) {
        return apply(
                new LeadDocument(
                        id, userId, "", "", "", "", null, null, null, null, null, null, null, null, source, now, now, 0,
                        null, "", "", "", null, null, null, null),
                state,
                now);
    }

    /** {@code lead} with {@code state}, its derived keys, the next version and {@code now} as update time. */
    static LeadDocument apply(LeadDocument lead, LeadState state, Instant now) {
        return new LeadDocument(
                lead.id(),
                lead.userId(),
                state.firstName(),
                state.lastName(),
                state.email(),
                state.phone(),
                state.phoneE164(),
                state.companyName(),
                state.jobTitle(),
                state.linkedinUrl(),
                state.notes(),
                state.customFields().isEmpty() ? null : state.customFields(),
                state.integrationIds().hasNone() ? null : state.integrationIds(),
                state.listId(),
                lead.source(),
                lead.createdAt(),
                now,
                lead.version() + 1,
                LeadRules.emailKey(lead.userId(), state.email()),
                LeadRules.digits(state.phone()),
                state.lastName().toLowerCase(Locale.ROOT),
                state.companyName() == null ? "" : state.companyName().toLowerCase(Locale.ROOT),
                integrationKeys(lead.userId(), state.integrationIds()),
                null,
                lead.pendingEvents(),
                lead.outboxAt());
    }

    static LeadDocument withEvent(LeadDocument lead, PendingEvent event) {
        List<PendingEvent> events = new ArrayList<>(lead.pendingEventsOrEmpty());
        events.add(event);
        return new LeadDocument(
                lead.id(),
                lead.userId(),
                lead.firstName(),
                lead.lastName(),
                lead.email(),
                lead.phone(),
                lead.phoneE164(),
                lead.companyName(),
                lead.jobTitle(),
                lead.linkedinUrl(),
                lead.notes(),
                lead.customFields(),
                lead.integrationIds(),
                lead.listId(),
                lead.source(),
                lead.createdAt(),
                lead.updatedAt(),
                lead.version(),
                lead.emailKey(),
                lead.phoneDigits(),
                lead.lastNameKey(),
                lead.companyNameKey(),
                lead.integrationKeys(),
                lead.deletedAt(),
                List.copyOf(events),
                event.at());
    }

    /** Sets every field {@code next} may have changed, and queues {@code event} with it. */
    static Update stateUpdate(LeadDocument next, PendingEvent event) {
        Update update = new Update();
        Map<String, @Nullable Object> fields = new java.util.LinkedHashMap<>();
        fields.put("firstName", next.firstName());
        fields.put("lastName", next.lastName());
        fields.put("email", next.email());
        fields.put("phone", next.phone());
        fields.put("phoneE164", next.phoneE164());
        fields.put("companyName", next.companyName());
        fields.put("jobTitle", next.jobTitle());
        fields.put("linkedinUrl", next.linkedinUrl());
        fields.put("notes", next.notes());
        fields.put("customFields", next.customFields());
        fields.put("integrationIds", next.integrationIds());
        fields.put("listId", next.listId());
        fields.put("emailKey", next.emailKey());
        fields.put("phoneDigits", next.phoneDigits());
        fields.put("lastNameKey", next.lastNameKey());
        fields.put("companyNameKey", next.companyNameKey());
        fields.put("integrationKeys", next.integrationKeys());
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
    static Update deletion(Instant now, long version, PendingEvent event) {
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
        return id == null ? null : userId + "|" + id;
    }
}
