package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.lead.LeadConflicts.Conflict;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadDocuments;
import io.leadsuite.leads.model.LeadEvents;
import io.leadsuite.leads.model.LeadInput;
import io.leadsuite.leads.model.LeadRules;
import io.leadsuite.leads.model.LeadState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates leads: one from the API, or the new leads of a batch ({@link StoreLeadBatch}) with one
 * unordered bulk write, where each gets its own answer and a rejected one never stops the others. A
 * lead of a batch may carry a reference the caller chose (job id and row number); when a concurrent try
 * of the same batch stored it first, it answers "stored" with that lead.
 */
@Component
class CreateLeads {

    private static final int DUPLICATE_KEY = 11000;

    private final ReactiveMongoTemplate mongo;
    private final LeadRules rules;
    private final ListDirectory lists;
    private final LeadEvents events;
    private final LeadConflicts conflicts;
    private final OutboxSignal outbox;
    private final LeadMeters meters;
    private final Clock clock;

    CreateLeads(
            ReactiveMongoTemplate mongo,
            LeadRules rules,
            ListDirectory lists,
            LeadEvents events,
            LeadConflicts conflicts,
            OutboxSignal outbox,
            LeadMeters meters,
            Clock clock) {
        this.mongo = mongo;
        this.rules = rules;
        this.lists = lists;
        this.events = events;
        this.conflicts = conflicts;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    Mono<LeadDocument> create(Actor actor, Tenant tenant, LeadInput input, String source) {
        LeadRules.Checked checked = rules.check(input);
        if (!checked.isValid()) {
            return Mono.error(Problems.invalid(checked.violations()));
        }
        LeadState state = Objects.requireNonNull(checked.state());
        return lists.require(tenant, state.listId())
                .then(Mono.defer(() -> mongo.insert(document(actor, tenant, state, source, now()))))
                .onErrorResume(DuplicateKeyException.class, duplicate -> conflicts.fail(tenant.userId(), state))
                .doOnSuccess(stored -> {
                    meters.created(source, 1);
                    outbox.eventsPending();
                });
    }

    /**
     * What inserting a batch's new leads did.
     *
     * @param items the answer of each, by its planned id
     * @param stored the leads this insert stored (not those a concurrent try stored)
     */
    record Inserted(Map<ObjectId, BatchItem> items, List<LeadDocument> stored) {

        static final Inserted NOTHING = new Inserted(Map.of(), List.of());
    }

    /**
     * Inserts the new leads of a batch with one unordered bulk write, without their events (the batch
     * queues them together, {@link LeadBatchOutbox}); the answer of each, by its planned id: stored,
     * stored by a concurrent try of its ref, or why not (a conflict with a lead stored meanwhile, a write
     * error).
     */
    Mono<Inserted> insertAll(Actor actor, Tenant tenant, List<BatchPlan.Insertion> insertions, String source) {
        if (insertions.isEmpty()) {
            return Mono.just(Inserted.NOTHING);
        }
        Instant now = now();
        List<LeadDocument> documents = insertions.stream()
                .map(insertion -> LeadDocuments.createdInBatch(
                        insertion.lead().id(),
                        tenant.userId(),
                        insertion.state(),
                        source,
                        insertion.lead().ref(),
                        now))
                .toList();
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadDocument.class)
                .insert(documents)
                .execute()
                .map(result -> Map.<Integer, BulkWriteError>of())
                .onErrorResume(
                        DataAccessException.class,
                        failure -> writeErrors(failure).map(Mono::just).orElseGet(() -> Mono.error(failure)))
                .flatMap(errors -> explain(tenant.userId(), insertions, documents, errors));
    }

    /** The answers of the inserted documents: stored, or why not. */
    private Mono<Inserted> explain(
            String userId,
            List<BatchPlan.Insertion> insertions,
            List<LeadDocument> documents,
            Map<Integer, BulkWriteError> errors) {
        Set<String> racedRefs = errors.keySet().stream()
                .map(position -> insertions.get(position).lead().ref())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<LeadState> duplicates = errors.entrySet().stream()
                .filter(error -> error.getValue().getCode() == DUPLICATE_KEY)
                .map(error -> LeadState.of(documents.get(error.getKey())))
                .toList();
        return Mono.zip(storedByRef(userId, racedRefs), conflicts.find(userId, duplicates))
                .map(found -> {
                    Map<ObjectId, BatchItem> items = new HashMap<>();
                    List<LeadDocument> stored = new ArrayList<>();
                    for (int position = 0; position < documents.size(); position++) {
                        BatchPlan.NewLead planned = insertions.get(position).lead();
                        String ref = planned.ref();
                        BulkWriteError error = errors.get(position);
                        LeadDocument raced = ref == null ? null : found.getT1().get(ref);
                        BatchItem item;
                        if (error == null) {
                            item = BatchItem.stored(planned.index(), ref, planned.id());
                            stored.add(documents.get(position));
                        } else if (raced != null) {
                            item = BatchItem.stored(planned.index(), ref, raced.id());
                        } else {
                            item = failed(planned.index(), ref, documents.get(position), error, found.getT2());
                        }
                        items.put(planned.id(), item);
                    }
                    return new Inserted(items, stored);
                });
    }

    private static BatchItem failed(
            int index,
            @Nullable String ref,
            LeadDocument lead,
            BulkWriteError error,
            Map<LeadConflicts.UniqueKey, Conflict> existing) {
        Conflict conflict = error.getCode() == DUPLICATE_KEY
                ? LeadConflicts.of(lead.id(), lead.userId(), LeadState.of(lead), existing)
                : null;
        if (conflict != null) {
            return BatchItem.conflict(index, ref, conflict.field(), conflict.existingLeadId(), null, BatchPlan.TAKEN);
        }
        return BatchItem.invalid(
                index, ref, List.of(new FieldViolation("lead", "could not be stored: " + error.getMessage())));
    }

    /** The leads an earlier try stored for {@code refs}, by ref; deleted ones included (they were stored). */
    Mono<Map<String, LeadDocument>> storedByRef(String userId, Set<String> refs) {
        if (refs.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> keys =
                refs.stream().map(ref -> LeadDocuments.batchRefKey(userId, ref)).toList();
        String prefix = userId + "|";
        return mongo.find(query(where("batchRefKey").in(keys)), LeadDocument.class)
                .collectMap(lead -> lead.batchRefKey().substring(prefix.length()), lead -> lead);
    }

    private LeadDocument document(Actor actor, Tenant tenant, LeadState state, String source, Instant now) {
        return LeadDocuments.created(
                new ObjectId(), tenant.userId(), state, source, null, now, lead -> events.created(lead, actor, tenant));
    }

    private static Optional<Map<Integer, BulkWriteError>> writeErrors(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return Optional.of(bulk.getWriteErrors().stream()
                        .collect(Collectors.toMap(BulkWriteError::getIndex, error -> error)));
            }
        }
        return Optional.empty();
    }

    private Instant now() {
        return LeadDocument.now(clock);
    }
}
