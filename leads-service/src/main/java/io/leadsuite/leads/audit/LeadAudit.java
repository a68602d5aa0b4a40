package io.leadsuite.leads.audit;

import io.leadsuite.common.outbox.OutboxRecord;
import io.leadsuite.common.outbox.PendingEvent;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Records a relay round's lead events in {@code lead_audit} before they are published: the audit trail
 * is exactly the event stream. A round of leads holds each lead's own events; a round of batch outboxes
 * holds events keyed by their leads. Recording an event twice (a round retried after a crash) is harmless.
 */
public final class LeadAudit {

    private final ReactiveMongoTemplate mongo;

    public LeadAudit(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Void> record(List<OutboxRecord> leads) {
        List<LeadAuditEntry> entries = new ArrayList<>();
        for (OutboxRecord lead : leads) {
            for (PendingEvent event : lead.pendingEventsOrEmpty()) {
                ObjectId leadId = event.key() == null ? lead.id() : new ObjectId(event.key());
                entries.add(new LeadAuditEntry(
                        event.eventId(), leadId, lead.userId(), event.type(), event.at(), event.json()));
            }
        }
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadAuditEntry.class)
                .insert(entries)
                .execute()
                .onErrorResume(DuplicateKeyException.class, alreadyRecorded -> Mono.empty())
                .then();
    }
}
