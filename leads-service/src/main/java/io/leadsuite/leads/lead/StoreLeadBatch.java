package io.leadsuite.leads.lead;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadInput;
import io.leadsuite.leads.model.LeadRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores a batch of one user's leads (an import's rows): reads what the batch depends on (the leads
 * earlier tries stored for its refs, the stored leads that hold its unique values, its lists), plans
 * every input ({@link BatchPlan}), then inserts the new leads in one bulk write ({@link CreateLeads}),
 * queues their events in one batch outbox ({@link LeadBatchOutbox}) and merges the duplicates into the
 * stored leads they duplicate ({@link MergeLeads}); a dry run stops after the plan and writes nothing.
 * The events of the leads an earlier try stored are queued too if that try stopped before queueing
 * them ({@link LeadBatchOutbox#unannounced}). Each input gets its own answer, in input order; a rejected one
 * never stops the others.
 */
@Component
class StoreLeadBatch {

    /** Stored leads merged into at the same time: each merge is a read and a guarded write. */
    private static final int MERGES_AT_ONCE = 8;

    private final LeadRules rules;
    private final ListDirectory lists;
    private final LeadConflicts conflicts;
    private final CreateLeads creates;
    private final MergeLeads merges;
    private final LeadBatchOutbox outbox;
    private final LeadMeters meters;

    StoreLeadBatch(
            LeadRules rules,
            ListDirectory lists,
            LeadConflicts conflicts,
            CreateLeads creates,
            MergeLeads merges,
            LeadBatchOutbox outbox,
            LeadMeters meters) {
        this.rules = rules;
        this.lists = lists;
        this.conflicts = conflicts;
        this.creates = creates;
        this.merges = merges;
        this.outbox = outbox;
        this.meters = meters;
    }

    /** One input of a batch: the lead, and the caller's reference for it, if any. */
    record BatchInput(@Nullable String ref, LeadInput lead) {}

    /** What becomes of an input that has a unique value (email, integration id) of another lead. */
    enum DuplicatePolicy {
        /** It is a conflict with that lead; the lead stays as it is. */
        SKIP,
        /** It is merged into that lead ({@link io.leadsuite.leads.model.LeadPatch#merging}). */
        UPDATE
    }

    /**
     * A batch: leads of one user, written by one actor, from one source.
     *
     * @param duplicates what becomes of an input that duplicates a stored lead or an earlier input
     * @param dryRun only answer what storing the batch would do: write nothing
     */
    record Batch(
            Actor actor,
            Tenant tenant,
            String source,
            DuplicatePolicy duplicates,
            boolean dryRun,
            List<BatchInput> inputs) {}

    /** Stores a batch; the answer has one item per input, in input order. */
    Mono<List<BatchItem>> store(Batch batch) {
        String userId = batch.tenant().userId();
        List<BatchInput> inputs = batch.inputs();
        Set<String> refs =
                inputs.stream().map(BatchInput::ref).filter(Objects::nonNull).collect(Collectors.toSet());
        return Mono.zip(
                        creates.storedByRef(userId, refs),
                        conflicts.holding(BatchPlan.keysOf(userId, inputs)),
                        knownLists(batch.tenant(), inputs))
                .flatMap(known -> {
                    BatchPlan plan = BatchPlan.of(
                            rules,
                            userId,
                            batch.duplicates(),
                            inputs,
                            new BatchPlan.Known(known.getT1(), known.getT2(), known.getT3()));
                    return batch.dryRun()
                            ? Mono.just(plan.preview())
                            : write(batch, plan, known.getT1().values());
                });
    }

    /**
     * Inserts the plan's new leads, queues their events with those of the unchanged leads an earlier
     * try stored, then merges the duplicates into their stored leads.
     */
    private Mono<List<BatchItem>> write(Batch batch, BatchPlan plan, Collection<LeadDocument> earlier) {
        Mono<Map<Integer, BatchItem>> merged = Flux.fromIterable(plan.mergings())
                .flatMap(merging -> merges.merge(batch.actor(), batch.tenant(), merging), MERGES_AT_ONCE)
                .flatMapIterable(items -> items)
                .collectMap(BatchItem::index, item -> item);
        return creates.insertAll(batch.actor(), batch.tenant(), plan.insertions(), batch.source())
                .doOnNext(inserted ->
                        meters.created(batch.source(), inserted.stored().size()))
                .flatMap(inserted -> outbox.unannounced(earlier)
                        .flatMap(missing ->
                                outbox.queueCreated(batch.actor(), batch.tenant(), concat(inserted.stored(), missing)))
                        .thenReturn(inserted.items()))
                .zipWhen(inserted -> merged)
                .doOnNext(written -> meters.updated(
                        batch.source(),
                        written.getT2().values().stream()
                                .filter(item -> item.status() == BatchItem.Status.UPDATED)
                                .count()))
                .map(written -> plan.answers(written.getT1(), written.getT2()));
    }

    private static List<LeadDocument> concat(List<LeadDocument> stored, List<LeadDocument> missing) {
        List<LeadDocument> all = new ArrayList<>(stored);
        all.addAll(missing);
        return all;
    }

    /** Whether each list the inputs name is one of the user's lists. */
    private Mono<Map<ObjectId, Boolean>> knownLists(Tenant tenant, List<BatchInput> inputs) {
        Set<ObjectId> listIds = inputs.stream()
                .map(input -> input.lead().listId())
                .filter(listId -> listId != null && ObjectId.isValid(listId.strip()))
                .map(listId -> new ObjectId(listId.strip()))
                .collect(Collectors.toSet());
        return Flux.fromIterable(listIds)
                .concatMap(listId -> lists.isListOf(tenant, listId).map(known -> Map.entry(listId, known)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
