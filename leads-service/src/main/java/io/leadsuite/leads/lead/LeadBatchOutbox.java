package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.audit.LeadAuditEntry;
import io.leadsuite.leads.config.LeadsConfiguration;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadBatchDocument;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadEvents;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Queues the {@code LeadCreated} events of the leads a batch stored in one outbox document ({@link
 * LeadBatchDocument}), relayed by its own relay: the cost of a batch's events is one write and one
 * relay round, whatever the number of leads and the size of the collection.
 */
@Component
class LeadBatchOutbox {

    private final ReactiveMongoTemplate mongo;
    private final LeadEvents events;
    private final OutboxSignal relay;
    private final Clock clock;

    LeadBatchOutbox(
            ReactiveMongoTemplate mongo,
            LeadEvents events,
            @Qualifier(LeadsConfiguration.BATCH_RELAY) OutboxSignal relay,
            Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** Queues the creation of each of {@code leads}, stored by a batch of {@code actor}. */
    Mono<Void> queueCreated(Actor actor, Tenant tenant, List<LeadDocument> leads) {
        if (leads.isEmpty()) {
            return Mono.empty();
        }
        LeadBatchDocument batch = LeadBatchDocument.of(
                tenant.userId(),
                leads.stream()
                        .map(lead -> events.createdInBatch(lead, actor, tenant))
                        .toList(),
                LeadDocument.now(clock));
        return mongo.insert(batch).doOnSuccess(stored -> relay.eventsPending()).then();
    }

    /**
     * Which of {@code earlier}, the leads an earlier try of a batch stored, never had their creation
     * queued (that try stopped between storing them and queueing it): those neither in the audit trail
     * (a relay records each event there before publishing it) nor pending in a batch outbox. Only leads
     * still as created qualify, since the event describes them as created. Runs only for a batch tried
     * again, by ids and keys that indexes answer.
     */
    Mono<List<LeadDocument>> unannounced(Collection<LeadDocument> earlier) {
        List<LeadDocument> candidates = earlier.stream()
                .filter(lead -> lead.version() == 1 && lead.deletedAt() == null)
                .toList();
        if (candidates.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> eventIds = candidates.stream()
                .map(lead -> LeadEvents.createdInBatchId(lead.id()))
                .toList();
        List<String> leadIds =
                candidates.stream().map(lead -> lead.id().toHexString()).toList();
        Query audited = query(where("_id").in(eventIds));
        audited.fields().include("_id");
        Mono<Set<String>> recorded = mongo.find(audited, Document.class, LeadAuditEntry.COLLECTION)
                .map(entry -> entry.getString("_id"))
                .collect(Collectors.toSet());
        Mono<Set<String>> pending = mongo.find(query(where("pendingEvents.key").in(leadIds)), LeadBatchDocument.class)
                .flatMapIterable(LeadBatchDocument::pendingEvents)
                .map(PendingEvent::eventId)
                .collect(Collectors.toSet());
        return Mono.zip(recorded, pending)
                .map(known -> candidates.stream()
                        .filter(lead -> {
                            String eventId = LeadEvents.createdInBatchId(lead.id());
                            return !known.getT1().contains(eventId)
                                    && !known.getT2().contains(eventId);
                        })
                        .toList());
    }
}
