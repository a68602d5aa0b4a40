package io.leadsuite.leads.lead;

import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadInput;
import io.leadsuite.leads.model.LeadRules;
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
 * every input ({@link BatchPlan}), then inserts the new leads in one bulk write ({@link CreateLeads}).
 * Each input gets its own answer, in input order; a rejected one never stops the others.
 */
@Component
class StoreLeadBatch {

    private final LeadRules rules;
    private final ListDirectory lists;
    private final LeadConflicts conflicts;
    private final CreateLeads creates;
    private final OutboxSignal outbox;

    StoreLeadBatch(
            LeadRules rules, ListDirectory lists, LeadConflicts conflicts, CreateLeads creates, OutboxSignal outbox) {
        this.rules = rules;
        this.lists = lists;
        this.conflicts = conflicts;
        this.creates = creates;
        this.outbox = outbox;
    }

    /** One input of a batch: the lead, and the caller's reference for it, if any. */
    record BatchInput(@Nullable String ref, LeadInput lead) {}

    /** Stores a batch; the answer has one item per input, in input order. */
    Mono<List<BatchItem>> store(Actor actor, Tenant tenant, List<BatchInput> inputs, String source) {
        String userId = tenant.userId();
        Set<String> refs =
                inputs.stream().map(BatchInput::ref).filter(Objects::nonNull).collect(Collectors.toSet());
        return Mono.zip(
                        creates.storedByRef(userId, refs),
                        conflicts.holding(BatchPlan.keysOf(userId, inputs)),
                        knownLists(tenant, inputs))
                .map(known -> BatchPlan.of(
                        rules, userId, inputs, new BatchPlan.Known(known.getT1(), known.getT2(), known.getT3())))
                .flatMap(plan -> creates.insertAll(actor, tenant, plan.insertions(), source)
                        .map(plan::answers))
                .doOnSuccess(items -> outbox.eventsPending());
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
