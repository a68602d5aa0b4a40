package io.leadsuite.leads.lead;

import io.leadsuite.common.events.LeadChange.FieldChange;
import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadDocuments;
import io.leadsuite.leads.model.LeadEvents;
import io.leadsuite.leads.model.LeadRules;
import io.leadsuite.leads.model.LeadState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Changes one lead (a merge patch, optionally only at an expected version) or deletes it. Each is one
 * write guarded by the version it was computed from, with its event queued in the same write.
 */
@Component
class ChangeLead {

    private final ReactiveMongoTemplate mongo;
    private final LeadReader reader;
    private final LeadRules rules;
    private final ListDirectory lists;
    private final LeadEvents events;
    private final LeadConflicts conflicts;
    private final OutboxSignal outbox;
    private final Clock clock;

    ChangeLead(
            ReactiveMongoTemplate mongo,
            LeadReader reader,
            LeadRules rules,
            ListDirectory lists,
            LeadEvents events,
            LeadConflicts conflicts,
            OutboxSignal outbox,
            Clock clock) {
        this.mongo = mongo;
        this.reader = reader;
        this.rules = rules;
        this.lists = lists;
        this.events = events;
        this.conflicts = conflicts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies {@code patch}; with {@code expectedVersion}, only while the lead is at it (412 otherwise). */
    Mono<LeadDocument> update(
            Actor actor,
            Tenant tenant,
            String leadId,
            Map<String, @Nullable Object> patch,
            @Nullable Long expectedVersion) {
        return mutate(tenant, leadId, expectedVersion, (current, now) -> {
                    LeadRules.Checked checked = rules.check(LeadState.of(current), patch);
                    if (!checked.isValid()) {
                        return Mono.error(Problems.invalid(checked.violations()));
                    }
                    LeadState next = Objects.requireNonNull(checked.state());
                    Map<String, FieldChange> changes = next.changesSince(LeadState.of(current));
                    if (changes.isEmpty()) {
                        return Mono.empty();
                    }
                    Mono<Void> listCheck =
                            changes.containsKey("listId") ? lists.require(tenant, next.listId()) : Mono.empty();
                    return listCheck.then(
                            Mono.fromSupplier(() -> change(events, actor, tenant, current, next, changes, now)));
                })
                .onErrorResume(
                        DuplicateKeyException.class,
                        duplicate -> reader.find(tenant.userId(), leadId)
                                .mapNotNull(current -> rules.check(LeadState.of(current), patch)
                                        .state())
                                .flatMap(state -> conflicts.fail(tenant.userId(), state)));
    }

    /**
     * The update that takes {@code current} to {@code next}, which differs from it by {@code changes},
     * with its {@code LeadUpdated} (or {@code LeadMoved}) event.
     */
    static Update change(
            LeadEvents events,
            Actor actor,
            Tenant tenant,
            LeadDocument current,
            LeadState next,
            Map<String, FieldChange> changes,
            Instant now) {
        LeadDocument updated = LeadDocuments.apply(current, next, now);
        PendingEvent event = events.changed(updated, LeadState.hex(current.listId()), actor, tenant, changes);
        return LeadDocuments.stateUpdate(updated, event);
    }

    /** Deletes the lead: a tombstone holds its {@code LeadDeleted} event until the relay has sent it. */
    Mono<Void> delete(Actor actor, Tenant tenant, String leadId) {
        return mutate(tenant, leadId, null, (current, now) -> Mono.just(deletion(events, actor, tenant, current, now)))
                .then();
    }

    /** The update that deletes {@code current}, with its event. */
    static Update deletion(LeadEvents events, Actor actor, Tenant tenant, LeadDocument current, Instant now) {
        long version = current.version() + 1;
        return LeadDocuments.deletion(now, version, events.deleted(current, now, version, actor, tenant));
    }

    private Mono<LeadDocument> mutate(
            Tenant tenant,
            String leadId,
            @Nullable Long expectedVersion,
            BiFunction<LeadDocument, Instant, Mono<Update>> change) {
        Mono<LeadDocument> current = reader.get(tenant, leadId).flatMap(lead -> {
            if (expectedVersion != null && lead.version() != expectedVersion) {
                return Mono.error(versionMismatch(lead.version()));
            }
            return Mono.just(lead);
        });
        return VersionedUpdate.apply(
                        mongo,
                        current,
                        lead -> VersionedUpdate.liveAt(lead.id(), lead.version()),
                        lead -> change.apply(lead, LeadDocument.now(clock)),
                        LeadDocument.class,
                        "The lead is being changed by others at the same time; try again")
                .doOnSuccess(written -> outbox.eventsPending());
    }

    private static ErrorResponseException versionMismatch(long current) {
        ProblemDetail detail = Problems.titled(
                HttpStatus.PRECONDITION_FAILED, "The lead was changed meanwhile; it is now at version " + current);
        detail.setProperty("currentVersion", current);
        return new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, detail, null);
    }
}
