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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates leads: one from the API, or a batch (an import's rows) with one unordered bulk write, where
 * each input gets its own answer and a rejected one never stops the others. A batch input may carry a
 * reference the caller chose (job id and row number); a retried batch then finds the leads it stored
 * the first time and answers "stored" for them again, instead of reporting its own rows as duplicates.
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
    private final Clock clock;

    CreateLeads(
            ReactiveMongoTemplate mongo,
            LeadRules rules,
            ListDirectory lists,
            LeadEvents events,
            LeadConflicts conflicts,
            OutboxSignal outbox,
            Clock clock) {
        this.mongo = mongo;
        this.rules = rules;
        this.lists = lists;
        this.events = events;
        this.conflicts = conflicts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** One input of a batch: the lead, and the caller's reference for it, if any. */
    record BatchInput(@Nullable String ref, LeadInput lead) {}

    /**
     * The answer for one input of a batch: the stored lead (stored now, or by an earlier try of the same
     * reference), or why it was not stored: field violations, or a conflict with an existing lead.
     */
    record BatchItem(
            int index,
            @Nullable String ref,
            @Nullable LeadDocument lead,
            List<FieldViolation> violations,
            @Nullable Conflict conflict) {

        boolean stored() {
            return lead != null;
        }

        static BatchItem stored(int index, @Nullable String ref, LeadDocument lead) {
            return new BatchItem(index, ref, lead, List.of(), null);
        }

        static BatchItem invalid(int index, @Nullable String ref, List<FieldViolation> violations) {
            return new BatchItem(index, ref, null, violations, null);
        }
    }

    Mono<LeadDocument> create(Actor actor, Tenant tenant, LeadInput input, String source) {
        LeadRules.Checked checked = rules.check(input);
        if (!checked.isValid()) {
            return Mono.error(Problems.invalid(checked.violations()));
        }
        LeadState state = Objects.requireNonNull(checked.state());
        return lists.require(tenant, state.listId())
                .then(Mono.defer(() -> mongo.insert(document(actor, tenant, state, source, null, now()))))
                .onErrorResume(DuplicateKeyException.class, duplicate -> conflicts.fail(tenant.userId(), state))
                .doOnSuccess(stored -> outbox.eventsPending());
    }

    /** Stores a batch; the answer has one item per input, in input order. */
    Mono<List<BatchItem>> createAll(Actor actor, Tenant tenant, List<BatchInput> inputs, String source) {
        List<LeadRules.Checked> checked =
                inputs.stream().map(input -> rules.check(input.lead())).toList();
        Set<ObjectId> listIds = checked.stream()
                .filter(LeadRules.Checked::isValid)
                .map(item -> item.state().listId())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> refs =
                inputs.stream().map(BatchInput::ref).filter(Objects::nonNull).collect(Collectors.toSet());
        Mono<Map<ObjectId, Boolean>> knownLists = Flux.fromIterable(listIds)
                .concatMap(listId -> lists.isListOf(tenant, listId).map(known -> Map.entry(listId, known)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(knownLists, storedByRef(tenant.userId(), refs))
                .flatMap(known -> insert(actor, tenant, inputs, checked, known.getT1(), known.getT2(), source))
                .doOnSuccess(items -> outbox.eventsPending());
    }

    private Mono<List<BatchItem>> insert(
            Actor actor,
            Tenant tenant,
            List<BatchInput> inputs,
            List<LeadRules.Checked> checked,
            Map<ObjectId, Boolean> knownLists,
            Map<String, LeadDocument> alreadyStored,
            String source) {
        Instant now = now();
        BatchItem[] items = new BatchItem[inputs.size()];
        List<LeadDocument> documents = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int index = 0; index < inputs.size(); index++) {
            String ref = inputs.get(index).ref();
            LeadRules.Checked item = checked.get(index);
            LeadDocument earlier = ref == null ? null : alreadyStored.get(ref);
            if (earlier != null) {
                items[index] = BatchItem.stored(index, ref, earlier);
            } else if (!item.isValid()) {
                items[index] = BatchItem.invalid(index, ref, item.violations());
            } else if (item.state().listId() != null
                    && !knownLists.getOrDefault(item.state().listId(), false)) {
                items[index] = BatchItem.invalid(index, ref, List.of(ListDirectory.UNKNOWN_LIST));
            } else {
                documents.add(document(actor, tenant, item.state(), source, ref, now));
                positions.add(index);
            }
        }
        if (documents.isEmpty()) {
            return Mono.just(List.of(items));
        }
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadDocument.class)
                .insert(documents)
                .execute()
                .map(result -> Map.<Integer, BulkWriteError>of())
                .onErrorResume(
                        DataAccessException.class,
                        failure -> writeErrors(failure).map(Mono::just).orElseGet(() -> Mono.error(failure)))
                .flatMap(errors -> explain(tenant.userId(), inputs, documents, positions, errors, items));
    }

    /** Fills the items of the inserted documents: stored, or why not. */
    private Mono<List<BatchItem>> explain(
            String userId,
            List<BatchInput> inputs,
            List<LeadDocument> documents,
            List<Integer> positions,
            Map<Integer, BulkWriteError> errors,
            BatchItem[] items) {
        Set<String> racedRefs = errors.keySet().stream()
                .map(position -> inputs.get(positions.get(position)).ref())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<LeadState> duplicates = errors.entrySet().stream()
                .filter(error -> error.getValue().getCode() == DUPLICATE_KEY)
                .map(error -> LeadState.of(documents.get(error.getKey())))
                .toList();
        return Mono.zip(storedByRef(userId, racedRefs), conflicts.find(userId, duplicates))
                .map(found -> {
                    for (int position = 0; position < documents.size(); position++) {
                        int index = positions.get(position);
                        String ref = inputs.get(index).ref();
                        LeadDocument lead = documents.get(position);
                        BulkWriteError error = errors.get(position);
                        LeadDocument raced = ref == null ? null : found.getT1().get(ref);
                        if (error == null) {
                            items[index] = BatchItem.stored(index, ref, lead);
                        } else if (raced != null) {
                            items[index] = BatchItem.stored(index, ref, raced);
                        } else {
                            items[index] = failed(index, ref, lead, error, found.getT2());
                        }
                    }
                    return List.of(items);
                });
    }

    private static BatchItem failed(
            int index, @Nullable String ref, LeadDocument lead, BulkWriteError error, Map<String, Conflict> existing) {
        Conflict conflict = error.getCode() == DUPLICATE_KEY ? LeadConflicts.of(lead, existing) : null;
        if (conflict != null) {
            return new BatchItem(
                    index,
                    ref,
                    null,
                    List.of(new FieldViolation(conflict.field(), "another of your leads already has this value")),
                    conflict);
        }
        return BatchItem.invalid(
                index, ref, List.of(new FieldViolation("lead", "could not be stored: " + error.getMessage())));
    }

    /** The leads an earlier try stored for {@code refs}, by ref; deleted ones included (they were stored). */
    private Mono<Map<String, LeadDocument>> storedByRef(String userId, Set<String> refs) {
        if (refs.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> keys =
                refs.stream().map(ref -> LeadDocuments.batchRefKey(userId, ref)).toList();
        String prefix = userId + "|";
        return mongo.find(query(where("batchRefKey").in(keys)), LeadDocument.class)
                .collectMap(lead -> lead.batchRefKey().substring(prefix.length()), lead -> lead);
    }

    private LeadDocument document(
            Actor actor, Tenant tenant, LeadState state, String source, @Nullable String ref, Instant now) {
        return LeadDocuments.created(
                new ObjectId(), tenant.userId(), state, source, ref, now, lead -> events.created(lead, actor, tenant));
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
