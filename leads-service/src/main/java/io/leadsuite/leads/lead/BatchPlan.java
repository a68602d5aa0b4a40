package io.leadsuite.leads.lead;

import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.leads.lead.LeadConflicts.UniqueKey;
import io.leadsuite.leads.lead.StoreLeadBatch.BatchInput;
import io.leadsuite.leads.lead.StoreLeadBatch.DuplicatePolicy;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadPatch;
import io.leadsuite.leads.model.LeadRules;
import io.leadsuite.leads.model.LeadState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * What a batch does with each input, worked out in input order from what the database held before the
 * batch, before anything is written: so the unique values of the batch's own inputs are checked against
 * each other as they are against stored leads, and a dry run ({@link #preview}) answers what the write
 * would.
 *
 * <p>An input whose ref an earlier try stored answers with that lead. Otherwise an input that is valid
 * and has no unique value (email, integration id) that a stored lead or an earlier input of the batch
 * already has becomes a new lead. One that does is a duplicate of that lead: with {@link
 * DuplicatePolicy#SKIP} a conflict with it; with {@link DuplicatePolicy#UPDATE} merged into it ({@link
 * LeadPatch#merging}), the merged lead checked by the rules, unless its unique values are spread over
 * two leads (a conflict with the second). A lead keeps, for the rest of the batch, every unique value
 * it had or was given by an input before.
 */
final class BatchPlan {

    static final String TAKEN = "another of your leads already has this value";
    static final String TAKEN_IN_BATCH = "an earlier lead of this batch has this value";

    /** A lead that inputs collide with: one an earlier input of the batch creates, or a stored one. */
    sealed interface Target permits NewLead, ExistingLead {
        ObjectId id();
    }

    /** A lead the batch creates, with the id it will have, and the input that creates it. */
    record NewLead(int index, @Nullable String ref, ObjectId id) implements Target {}

    /** A lead stored before the batch. */
    record ExistingLead(LeadDocument lead) implements Target {
        @Override
        public ObjectId id() {
            return lead.id();
        }
    }

    /** What the database held that the plan depends on. */
    record Known(Map<String, LeadDocument> storedByRef, List<LeadDocument> holders, Map<ObjectId, Boolean> lists) {}

    /** A new lead to insert, in the state its input gives it. */
    record Insertion(NewLead lead, LeadState state) {}

    /** One input's merge patch, for a stored lead. */
    record Patch(int index, @Nullable String ref, Map<String, @Nullable Object> patch) {}

    /** A stored lead and the patches of the inputs that merge into it, in input order. */
    record Merging(LeadDocument lead, List<Patch> patches) {}

    /** One input's part of the plan. */
    sealed interface Step permits Earlier, Create, Repeat, Merge, Reject, Collide {}

    /** Stored by an earlier try of the input's ref. */
    record Earlier(LeadDocument lead) implements Step {}

    /** Stored as a new lead. */
    record Create(NewLead lead) implements Step {}

    /** The same ref as an earlier input of the batch that creates {@code lead}: the same lead. */
    record Repeat(NewLead lead) implements Step {}

    /** Merged into {@code into}, a duplicate of it. */
    record Merge(Target into) implements Step {}

    /** Refused by the rules. */
    record Reject(List<FieldViolation> violations) implements Step {}

    /** Refused: {@code with} already has the value of {@code field}. */
    record Collide(String field, Target with) implements Step {}

    private final LeadRules rules;
    private final String userId;
    private final DuplicatePolicy duplicates;
    private final Known known;
    private final List<BatchInput> inputs;
    private final List<Step> steps = new ArrayList<>();
    private final Map<ObjectId, LeadState> states = new LinkedHashMap<>();
    private final Map<UniqueKey, Target> claims = new HashMap<>();
    private final Map<String, NewLead> refs = new HashMap<>();
    private final List<NewLead> created = new ArrayList<>();
    private final Map<ObjectId, Merging> merged = new LinkedHashMap<>();

    private BatchPlan(
            LeadRules rules, String userId, DuplicatePolicy duplicates, List<BatchInput> inputs, Known known) {
        this.rules = rules;
        this.userId = userId;
        this.duplicates = duplicates;
        this.inputs = inputs;
        this.known = known;
    }

    /** Plans {@code inputs}, the batch of {@code userId}, given what the database holds. */
    static BatchPlan of(
            LeadRules rules, String userId, DuplicatePolicy duplicates, List<BatchInput> inputs, Known known) {
        BatchPlan plan = new BatchPlan(rules, userId, duplicates, inputs, known);
        for (LeadDocument lead : known.holders()) {
            ExistingLead existing = new ExistingLead(lead);
            plan.states.put(lead.id(), LeadState.of(lead));
            LeadConflicts.keysOf(lead).forEach(key -> plan.claims.putIfAbsent(key, existing));
        }
        for (int index = 0; index < inputs.size(); index++) {
            plan.steps.add(plan.step(index, inputs.get(index)));
        }
        return plan;
    }

    /** The unique values of {@code inputs}, to find the stored leads that hold them. */
    static List<UniqueKey> keysOf(String userId, List<BatchInput> inputs) {
        return inputs.stream()
                .flatMap(input -> keysOf(userId, input).stream())
                .distinct()
                .toList();
    }

    /** The new leads to insert. */
    List<Insertion> insertions() {
        return created.stream()
                .map(lead -> new Insertion(lead, states.get(lead.id())))
                .toList();
    }

    /**
     * What the batch would answer if it were written now, without writing it: every new lead stored
     * (without an id yet), every merge into a stored lead done.
     */
    List<BatchItem> preview() {
        Map<ObjectId, BatchItem> inserted = new HashMap<>();
        created.forEach(lead -> inserted.put(lead.id(), BatchItem.stored(lead.index(), lead.ref(), null)));
        Map<Integer, BatchItem> mergedInputs = new HashMap<>();
        for (Merging merging : merged.values()) {
            for (Patch patch : merging.patches()) {
                mergedInputs.put(
                        patch.index(),
                        BatchItem.updated(
                                patch.index(), patch.ref(), merging.lead().id()));
            }
        }
        return answers(inserted, mergedInputs);
    }

    /** The stored leads that inputs merge into. */
    List<Merging> mergings() {
        return List.copyOf(merged.values());
    }

    /**
     * The batch's answer, given the answer of each inserted lead (by its planned id) and of each input
     * merged into a stored lead (by its index).
     */
    List<BatchItem> answers(Map<ObjectId, BatchItem> inserted, Map<Integer, BatchItem> mergedInputs) {
        List<BatchItem> items = new ArrayList<>();
        for (int index = 0; index < steps.size(); index++) {
            items.add(answer(index, inputs.get(index).ref(), steps.get(index), inserted, mergedInputs));
        }
        return items;
    }

    private Step step(int index, BatchInput input) {
        String ref = input.ref();
        if (ref != null && known.storedByRef().containsKey(ref)) {
            return new Earlier(known.storedByRef().get(ref));
        }
        if (ref != null && refs.containsKey(ref)) {
            return new Repeat(refs.get(ref));
        }
        List<UniqueKey> keys = keysOf(userId, input);
        UniqueKey held = keys.stream().filter(claims::containsKey).findFirst().orElse(null);
        if (held != null && duplicates == DuplicatePolicy.UPDATE) {
            return merge(index, input, keys, claims.get(held));
        }
        LeadRules.Checked checked = rules.check(input.lead());
        if (!checked.isValid()) {
            return new Reject(checked.violations());
        }
        LeadState state = Objects.requireNonNull(checked.state());
        if (!isKnownList(state.listId())) {
            return new Reject(List.of(ListDirectory.UNKNOWN_LIST));
        }
        if (held != null) {
            return new Collide(held.field(), claims.get(held));
        }
        NewLead lead = new NewLead(index, ref, new ObjectId());
        states.put(lead.id(), state);
        claim(keys, lead);
        created.add(lead);
        if (ref != null) {
            refs.put(ref, lead);
        }
        return new Create(lead);
    }

    /** Merges the input into {@code into}, the lead that has its first unique value. */
    private Step merge(int index, BatchInput input, List<UniqueKey> keys, Target into) {
        for (UniqueKey key : keys) {
            Target holder = claims.get(key);
            if (holder != null && !holder.id().equals(into.id())) {
                return new Collide(key.field(), holder);
            }
        }
        Map<String, @Nullable Object> patch = LeadPatch.merging(input.lead());
        LeadState current = states.get(into.id());
        LeadRules.Checked checked = rules.check(current, patch);
        if (!checked.isValid()) {
            return new Reject(checked.violations());
        }
        LeadState next = Objects.requireNonNull(checked.state());
        if (!Objects.equals(next.listId(), current.listId()) && !isKnownList(next.listId())) {
            return new Reject(List.of(ListDirectory.UNKNOWN_LIST));
        }
        states.put(into.id(), next);
        claim(keys, into);
        if (into instanceof ExistingLead existing) {
            merged.computeIfAbsent(existing.id(), id -> new Merging(existing.lead(), new ArrayList<>()))
                    .patches()
                    .add(new Patch(index, input.ref(), patch));
        }
        return new Merge(into);
    }

    private BatchItem answer(
            int index,
            @Nullable String ref,
            Step step,
            Map<ObjectId, BatchItem> inserted,
            Map<Integer, BatchItem> mergedInputs) {
        if (step instanceof Earlier earlier) {
            return BatchItem.stored(index, ref, earlier.lead().id());
        }
        if (step instanceof Create create) {
            return inserted.get(create.lead().id());
        }
        if (step instanceof Repeat repeat) {
            return inserted.get(repeat.lead().id()).at(index, ref);
        }
        if (step instanceof Merge merge) {
            return merge.into() instanceof NewLead earlier
                    ? inserted.get(earlier.id()).mergedAt(index, ref)
                    : mergedInputs.get(index);
        }
        if (step instanceof Collide collide) {
            if (collide.with() instanceof NewLead earlier) {
                BatchItem holder = inserted.get(earlier.id());
                String leadId = holder.status() == BatchItem.Status.STORED ? holder.leadId() : null;
                return BatchItem.conflict(index, ref, collide.field(), leadId, earlier.index(), TAKEN_IN_BATCH);
            }
            return BatchItem.conflict(
                    index, ref, collide.field(), collide.with().id().toHexString(), null, TAKEN);
        }
        return BatchItem.invalid(index, ref, ((Reject) step).violations());
    }

    private void claim(List<UniqueKey> keys, Target target) {
        keys.forEach(key -> claims.putIfAbsent(key, target));
    }

    private boolean isKnownList(@Nullable ObjectId listId) {
        return listId == null || known.lists().getOrDefault(listId, false);
    }

    private static List<UniqueKey> keysOf(String userId, BatchInput input) {
        return LeadConflicts.keysOf(
                userId, input.lead().fieldsOrNone().email(), input.lead().integrationIds());
    }
}
