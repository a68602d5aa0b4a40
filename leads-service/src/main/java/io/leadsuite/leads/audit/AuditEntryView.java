package io.leadsuite.leads.audit;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LeadChange;
import io.leadsuite.common.events.LeadChange.FieldChange;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One change of a lead: what happened ({@code LeadCreated}, {@code LeadUpdated}, {@code LeadMoved},
 * {@code LeadDeleted}), when, by whom, and for updates each field's old and new value.
 */
record AuditEntryView(
        String id,
        String type,
        Instant at,
        String actor,
        long version,
        @Nullable String listId,
        @Nullable String previousListId,
        Map<String, FieldChange> changes) {

    static AuditEntryView of(EventEnvelope<LeadChange> event) {
        LeadChange change = event.data();
        return new AuditEntryView(
                event.id(),
                event.type(),
                event.occurredAt(),
                change.actor(),
                change.version(),
                change.listId(),
                change.previousListId(),
                change.changes() == null ? Map.of() : change.changes());
    }
}
