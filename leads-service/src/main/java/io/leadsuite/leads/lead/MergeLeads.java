package io.leadsuite.leads.lead;

import io.leadsuite.common.events.LeadChange.FieldChange;
import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.leads.lead.BatchPlan.Merging;
import io.leadsuite.leads.lead.BatchPlan.Patch;
import io.leadsuite.leads.lead.LeadConflicts.Conflict;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadEvents;
import io.leadsuite.leads.model.LeadRules;
import io.leadsuite.leads.model.LeadState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Merges a batch's duplicates into the stored lead they duplicate, as the public PATCH path ({@link
 * ChangeLead}) changes a lead: the inputs' merge patches are applied in input order, each checked by the
 * rules on the lead as the ones before it left it, and written in one update guarded by the version they
 * were computed from, with one {@code LeadUpdated} event for them all; none when nothing changes, so
 * merging the same values again writes nothing. When the lead changed meanwhile, the merge is computed
 * again on the lead as it is now.
 */
@Component
class MergeLeads {

    private static final String BUSY = "The lead is being changed by others at the same time; try again";
    private static final FieldViolation GONE = new FieldViolation("lead", "the lead it duplicates was just deleted");

    private final ReactiveMongoTemplate mongo;
    private final LeadReader reader;
    private final LeadRules rules;
    private final LeadEvents events;
    private final LeadConflicts conflicts;
    private final Clock clock;

    MergeLeads(
            ReactiveMongoTemplate mongo,
            LeadReader reader,
            LeadRules rules,
            LeadEvents events,
            LeadConflicts conflicts,
            Clock clock) {
        this.mongo = mongo;
        this.reader = reader;
        this.rules = rules;
        this.events = events;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** The patches merged into the lead, in order, and the violations of each that was refused (else empty). */
    private record Fold(LeadState state, List<List<FieldViolation>> violations) {

        List<BatchItem> items(Merging merging, BiFunction<Patch, List<FieldViolation>, BatchItem> answer) {
            List<BatchItem> items = new ArrayList<>();
            for (int position = 0; position < violations.size(); position++) {
                items.add(answer.apply(merging.patches().get(position), violations.get(position)));
            }
            return items;
        }
    }

    /** Merges the patches of {@code merging} into its lead; the answer of each of its inputs, in order. */
    Mono<List<BatchItem>> merge(Actor actor, Tenant tenant, Merging merging) {
        ObjectId id = merging.lead().id();
        AtomicReference<Fold> last = new AtomicReference<>();
        return VersionedUpdate.apply(
                        mongo,
                        reader.find(tenant.userId(), id.toHexString()),
                        lead -> VersionedUpdate.liveAt(lead.id(), lead.version()),
                        lead -> {
                            LeadState current = LeadState.of(lead);
                            Fold fold = fold(current, merging.patches());
                            last.set(fold);
                            Map<String, FieldChange> changes = fold.state().changesSince(current);
                            if (changes.isEmpty()) {
                                return Mono.empty();
                            }
                            return Mono.just(ChangeLead.change(
                                    events, actor, tenant, lead, fold.state(), changes, LeadDocument.now(clock)));
                        },
                        LeadDocument.class,
                        BUSY)
                .map(lead -> last.get().items(merging, (patch, violations) -> answer(patch, violations, id)))
                .switchIfEmpty(Mono.fromSupplier(() -> refuseAll(merging, GONE)))
                .onErrorResume(
                        DuplicateKeyException.class, duplicate -> collided(tenant.userId(), id, merging, last.get()))
                .onErrorResume(
                        MergeLeads::keptChanging,
                        busy -> Mono.just(refuseAll(merging, new FieldViolation("lead", BUSY))));
    }

    private Fold fold(LeadState lead, List<Patch> patches) {
        LeadState state = lead;
        List<List<FieldViolation>> violations = new ArrayList<>();
        for (Patch patch : patches) {
            LeadRules.Checked checked = rules.check(state, patch.patch());
            if (checked.isValid()) {
                state = Objects.requireNonNull(checked.state());
            }
            violations.add(checked.violations());
        }
        return new Fold(state, violations);
    }

    /** The merged lead took a unique value that another lead was given meanwhile: each merged input conflicts. */
    private Mono<List<BatchItem>> collided(String userId, ObjectId id, Merging merging, Fold fold) {
        return conflicts.find(userId, List.of(fold.state())).map(existing -> {
            Conflict conflict = LeadConflicts.of(id, userId, fold.state(), existing);
            return fold.items(merging, (patch, violations) -> {
                if (!violations.isEmpty()) {
                    return BatchItem.invalid(patch.index(), patch.ref(), violations);
                }
                return conflict == null
                        ? BatchItem.invalid(patch.index(), patch.ref(), List.of(new FieldViolation("lead", BUSY)))
                        : BatchItem.conflict(
                                patch.index(),
                                patch.ref(),
                                conflict.field(),
                                conflict.existingLeadId(),
                                null,
                                BatchPlan.TAKEN);
            });
        });
    }

    private static BatchItem answer(Patch patch, List<FieldViolation> violations, ObjectId id) {
        return violations.isEmpty()
                ? BatchItem.updated(patch.index(), patch.ref(), id)
                : BatchItem.invalid(patch.index(), patch.ref(), violations);
    }

    /** {@link VersionedUpdate}'s answer when the lead changed under every attempt. */
    private static boolean keptChanging(Throwable error) {
        return error instanceof ErrorResponseException problem
                && problem.getStatusCode().value() == HttpStatus.CONFLICT.value();
    }

    private static List<BatchItem> refuseAll(Merging merging, FieldViolation why) {
        return merging.patches().stream()
                .map(patch -> BatchItem.invalid(patch.index(), patch.ref(), List.of(why)))
                .toList();
    }
}
