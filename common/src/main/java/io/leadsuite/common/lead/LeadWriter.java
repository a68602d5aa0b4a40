package io.leadsuite.common.lead;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.leadsuite.common.events.LeadChange.FieldChange;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one lead write path: validate, normalise, check the list, enforce uniqueness, write, and queue
 * the change's event in the same atomic document write. Every deployable that writes leads (the API,
 * the import worker) goes through it.
 *
 * <p>MongoDB transactions are not available (DESIGN.md), so each change touches exactly one document:
 * the lead carries its own unrelayed events ({@link io.leadsuite.common.outbox.OutboxRelay} publishes them), and a change is
 * applied only if the lead still has the version it was computed from (otherwise it is recomputed).
 * Uniqueness comes from unique indexes on derived keys, so concurrent writers cannot both succeed.
 */
public final class LeadWriter {

    /** The most ids one bulk request may name. */
    public static final int MAX_BULK = 1000;

    private static final int MAX_ATTEMPTS = 8;
    private static final int DUPLICATE_KEY = 11000;

    private final ReactiveMongoTemplate mongo;
    private final LeadRules rules;
    private final ListDirectory lists;
    private final LeadEvents events;
    private final OutboxSignal outbox;
    private final Clock clock;

    public LeadWriter(
            ReactiveMongoTemplate mongo,
            LeadRules rules,
            ListDirectory lists,
            LeadEvents events,
            OutboxSignal outbox,
            Clock clock) {
        this.mongo = mongo;
        this.rules = rules;
        this.lists = lists;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a bulk change did: how many leads changed, how many were already as asked, which ids are not the caller's. */
    public record BulkResult(int requested, int changed, int unchanged, List<String> notFound) {}

    /**
     * One item of {@link #createAll}: the stored lead, or why it was not stored (field violations, or a
     * conflict with an existing lead named by {@code existingLeadId}).
     */
    public record BatchItem(
            int index,
            @Nullable LeadDocument lead,
            List<FieldViolation> violations,
            @Nullable String conflictField,
            @Nullable String existingLeadId) {

        public boolean stored() {
            return lead != null;
        }
    }

    public Mono<LeadDocument> create(Actor actor, Tenant tenant, LeadInput input, String source) {
        LeadRules.Checked checked = rules.check(input);
        if (!checked.isValid()) {
            return Mono.error(Problems.invalid(checked.violations()));
        }
        LeadState state = Objects.requireNonNull(checked.state());
        return requireList(tenant, state.listId())
                .then(Mono.defer(() -> {
                    LeadDocument lead = LeadDocuments.create(new ObjectId(), tenant.userId(), state, source, now());
                    return mongo.insert(LeadDocuments.withEvent(lead, events.created(lead, actor, tenant)));
                }))
                .onErrorResume(DuplicateKeyException.class, duplicate -> conflict(tenant.userId(), state, duplicate))
                .doOnSuccess(stored -> outbox.eventsPending());
    }

    /**
     * Stores many leads with one unordered bulk write (imports write thousands per batch). Each input
     * gets an item in the answer, in input order; a rejected item never stops the others.
     */
    public Mono<List<BatchItem>> createAll(Actor actor, Tenant tenant, List<LeadInput> inputs, String source) {
        List<LeadRules.Checked> checked = inputs.stream().map(rules::check).toList();
        Set<ObjectId> listIds = checked.stream()
                .filter(LeadRules.Checked::isValid)
                .map(item -> item.state().listId())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return Flux.fromIterable(listIds)
                .concatMap(listId -> lists.isListOf(tenant, listId).map(known -> Map.entry(listId, known)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(knownLists -> insertBatch(actor, tenant, checked, knownLists, source))
                .doOnSuccess(items -> outbox.eventsPending());
    }

    private Mono<List<BatchItem>> insertBatch(
            Actor actor,
            Tenant tenant,
            List<LeadRules.Checked> checked,
            Map<ObjectId, Boolean> knownLists,
            String source) {
        Instant now = now();
        BatchItem[] items = new BatchItem[checked.size()];
        List<LeadDocument> documents = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int index = 0; index < checked.size(); index++) {
            LeadRules.Checked item = checked.get(index);
            if (!item.isValid()) {
                items[index] = new BatchItem(index, null, item.violations(), null, null);
                continue;
            }
            LeadState state = Objects.requireNonNull(item.state());
            if (state.listId() != null && !knownLists.getOrDefault(state.listId(), false)) {
                items[index] = new BatchItem(index, null, List.of(unknownList()), null, null);
                continue;
            }
            LeadDocument lead = LeadDocuments.create(new ObjectId(), tenant.userId(), state, source, now);
            documents.add(LeadDocuments.withEvent(lead, events.created(lead, actor, tenant)));
            positions.add(index);
        }
        if (documents.isEmpty()) {
            return Mono.just(List.of(items));
        }
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadDocument.class)
                .insert(documents)
                .execute()
                .map(result -> Map.<Integer, BulkWriteError>of())
                .onErrorResume(DataAccessException.class, failure -> {
                    MongoBulkWriteException bulk = bulkCause(failure);
                    return bulk == null
                            ? Mono.error(failure)
                            : Mono.just(bulk.getWriteErrors().stream()
                                    .collect(Collectors.toMap(BulkWriteError::getIndex, error -> error)));
                })
                .flatMap(errors -> existingForConflicts(tenant.userId(), documents, errors)
                        .map(existing -> {
                            for (int position = 0; position < documents.size(); position++) {
                                int index = positions.get(position);
                                LeadDocument lead = documents.get(position);
                                BulkWriteError error = errors.get(position);
                                if (error == null) {
                                    items[index] = new BatchItem(index, lead, List.of(), null, null);
                                } else {
                                    items[index] = failedItem(index, lead, error, existing);
                                }
                            }
                            return List.of(items);
                        }));
    }

    public Mono<LeadDocument> update(
            Actor actor,
            Tenant tenant,
            String leadId,
            Map<String, @Nullable Object> patch,
            @Nullable Long expectedVersion) {
        return mutate(tenant, leadId, expectedVersion, (current, now) -> {
                    List<FieldViolation> violations = new ArrayList<>();
                    LeadInput merged = LeadPatch.apply(current, patch, violations);
                    LeadRules.Checked checked = rules.check(merged);
                    violations.addAll(checked.violations());
                    if (!violations.isEmpty()) {
                        return Mono.error(Problems.invalid(List.copyOf(new LinkedHashSet<>(violations))));
                    }
                    LeadState next = Objects.requireNonNull(checked.state());
                    Map<String, FieldChange> changes = next.changesSince(LeadState.of(current));
                    if (changes.isEmpty()) {
                        return Mono.empty();
                    }
                    Mono<Void> listCheck =
                            changes.containsKey("listId") ? requireList(tenant, next.listId()) : Mono.empty();
                    return listCheck.then(Mono.fromSupplier(() -> {
                        LeadDocument updated = LeadDocuments.apply(current, next, now);
                        PendingEvent event =
                                events.changed(updated, LeadState.hex(current.listId()), actor, tenant, changes);
                        return LeadDocuments.stateUpdate(updated, event);
                    }));
                })
                .onErrorResume(
                        DuplicateKeyException.class,
                        duplicate -> Mono.defer(() -> {
                            List<FieldViolation> ignored = new ArrayList<>();
                            return findLive(tenant.userId(), leadId)
                                    .mapNotNull(current -> rules.check(LeadPatch.apply(current, patch, ignored))
                                            .state())
                                    .flatMap(state -> conflict(tenant.userId(), state, duplicate));
                        }));
    }

    public Mono<Void> delete(Actor actor, Tenant tenant, String leadId) {
        return mutate(tenant, leadId, null, (current, now) -> Mono.just(deletion(actor, tenant, current, now)))
                .then();
    }

    /** Deletes the caller's leads among {@code ids}; ids that are not the caller's are reported, not an error. */
    public Mono<BulkResult> deleteAll(Actor actor, Tenant tenant, Collection<String> ids) {
        return bulk(tenant, ids, (current, now) -> deletion(actor, tenant, current, now), current -> false);
    }

    /** Moves the caller's leads among {@code ids} into the list ({@code null}: out of any list). */
    public Mono<BulkResult> moveAll(Actor actor, Tenant tenant, Collection<String> ids, @Nullable String listId) {
        if (listId != null && !ObjectId.isValid(listId)) {
            return Mono.error(Problems.invalid(List.of(unknownList())));
        }
        ObjectId target = listId == null ? null : new ObjectId(listId);
        return requireList(tenant, target)
                .then(bulk(
                        tenant,
                        ids,
                        (current, now) -> {
                            LeadState moved = withList(LeadState.of(current), target);
                            LeadDocument updated = LeadDocuments.apply(current, moved, now);
                            PendingEvent event = events.changed(
                                    updated,
                                    LeadState.hex(current.listId()),
                                    actor,
                                    tenant,
                                    Map.of("listId", new FieldChange(LeadState.hex(current.listId()), listId)));
                            return LeadDocuments.stateUpdate(updated, event);
                        },
                        current -> Objects.equals(current.listId(), target)));
    }

    /** All of the user's leads in a list, taken out of it (a list was deleted); returns how many. */
    public Mono<Long> detachList(Actor actor, Tenant tenant, ObjectId listId) {
        return inList(tenant.userId(), listId, ids -> moveAll(actor, tenant, ids, null));
    }

    /** All of the user's leads in a list, deleted (a list was deleted with its leads); returns how many. */
    public Mono<Long> deleteList(Actor actor, Tenant tenant, ObjectId listId) {
        return inList(tenant.userId(), listId, ids -> deleteAll(actor, tenant, ids));
    }

    /**
     * Applies {@code action} to the user's leads in a list, 500 at a time, until none is left or a round
     * changes nothing (the caller checks what is left).
     */
    private Mono<Long> inList(String userId, ObjectId listId, Function<List<String>, Mono<BulkResult>> action) {
        Query page = query(live(userId).and("listId").is(listId)).limit(500);
        page.fields().include("_id");
        Mono<Long> round = Mono.defer(() -> mongo.find(page, Document.class, LeadDocument.COLLECTION)
                .map(lead -> lead.getObjectId("_id").toHexString())
                .collectList()
                .flatMap(ids ->
                        ids.isEmpty() ? Mono.just(0L) : action.apply(ids).map(result -> (long) result.changed())));
        return round.repeat().takeWhile(changed -> changed > 0).reduce(0L, Long::sum);
    }

    /**
     * Changes one live lead: reads it, computes the update (empty: nothing to change), and writes it only
     * if nobody changed the lead meanwhile; otherwise starts over, or answers 412 when the caller named
     * the version it expected.
     */
    private Mono<LeadDocument> mutate(
            Tenant tenant,
            String leadId,
            @Nullable Long expectedVersion,
            BiFunction<LeadDocument, Instant, Mono<Update>> change) {
        return Mono.defer(() -> findLive(tenant.userId(), leadId)
                        .switchIfEmpty(Mono.error(() -> Problems.notFound("Lead " + leadId)))
                        .flatMap(current -> {
                            if (expectedVersion != null && current.version() != expectedVersion) {
                                return Mono.error(versionMismatch(current.version()));
                            }
                            return change.apply(current, now())
                                    .flatMap(update -> mongo.findAndModify(
                                                    query(where("_id")
                                                            .is(current.id())
                                                            .and("version")
                                                            .is(current.version())
                                                            .and("deletedAt")
                                                            .isNull()),
                                                    update,
                                                    FindAndModifyOptions.options()
                                                            .returnNew(true),
                                                    LeadDocument.class)
                                            .switchIfEmpty(Mono.error(() -> expectedVersion == null
                                                    ? new ConcurrentChange()
                                                    : versionMismatch(expectedVersion + 1)))
                                            .doOnSuccess(written -> outbox.eventsPending()))
                                    .defaultIfEmpty(current);
                        }))
                .retryWhen(Retry.max(MAX_ATTEMPTS)
                        .filter(ConcurrentChange.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> Problems.of(
                                HttpStatus.CONFLICT,
                                "The lead is being changed by others at the same time; try again")));
    }

    /**
     * Applies one change to many leads with bulk writes: reads them, writes each change guarded by the
     * version it was computed from, and recomputes the few that a concurrent writer changed meanwhile.
     */
    private Mono<BulkResult> bulk(
            Tenant tenant,
            Collection<String> ids,
            BiFunction<LeadDocument, Instant, Update> change,
            Predicate<LeadDocument> alreadyDone) {
        if (ids.size() > MAX_BULK) {
            return Mono.error(Problems.invalid("ids", "at most " + MAX_BULK + " ids per request"));
        }
        Set<String> distinct = new LinkedHashSet<>(ids);
        Set<ObjectId> wanted =
                distinct.stream().filter(ObjectId::isValid).map(ObjectId::new).collect(Collectors.toSet());
        List<String> invalid =
                distinct.stream().filter(id -> !ObjectId.isValid(id)).toList();
        return findLive(tenant.userId(), wanted).collectList().flatMap(found -> {
            Set<ObjectId> present = found.stream().map(LeadDocument::id).collect(Collectors.toSet());
            List<String> notFound = new ArrayList<>(invalid);
            wanted.stream()
                    .filter(id -> !present.contains(id))
                    .map(ObjectId::toHexString)
                    .sorted()
                    .forEach(notFound::add);
            int unchanged = (int) found.stream().filter(alreadyDone).count();
            List<LeadDocument> pending =
                    found.stream().filter(alreadyDone.negate()).toList();
            return applyAll(tenant, pending, change, alreadyDone, 1)
                    .map(changed -> new BulkResult(distinct.size(), changed, unchanged, List.copyOf(notFound)));
        });
    }

    private Mono<Integer> applyAll(
            Tenant tenant,
            List<LeadDocument> pending,
            BiFunction<LeadDocument, Instant, Update> change,
            Predicate<LeadDocument> alreadyDone,
            int attempt) {
        if (pending.isEmpty()) {
            return Mono.just(0);
        }
        Instant now = now();
        ReactiveBulkOperations operations = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadDocument.class);
        for (LeadDocument lead : pending) {
            operations.updateOne(
                    query(where("_id")
                            .is(lead.id())
                            .and("version")
                            .is(lead.version())
                            .and("deletedAt")
                            .isNull()),
                    change.apply(lead, now));
        }
        return operations.execute().flatMap(result -> {
            outbox.eventsPending();
            if (result.getModifiedCount() == pending.size()) {
                return Mono.just(pending.size());
            }
            // Some leads changed under us: those still live and not yet as asked are recomputed.
            Set<ObjectId> attempted = pending.stream().map(LeadDocument::id).collect(Collectors.toSet());
            return findLive(tenant.userId(), attempted).collectList().flatMap(current -> {
                List<LeadDocument> retry =
                        current.stream().filter(alreadyDone.negate()).toList();
                int done = result.getModifiedCount();
                if (retry.isEmpty() || attempt >= MAX_ATTEMPTS) {
                    return Mono.just(done);
                }
                return applyAll(tenant, retry, change, alreadyDone, attempt + 1).map(more -> done + more);
            });
        });
    }

    private Update deletion(Actor actor, Tenant tenant, LeadDocument current, Instant now) {
        long version = current.version() + 1;
        return LeadDocuments.deletion(now, version, events.deleted(current, now, version, actor, tenant));
    }

    private Mono<LeadDocument> findLive(String userId, String leadId) {
        if (!ObjectId.isValid(leadId)) {
            return Mono.empty();
        }
        return mongo.findOne(query(live(userId).and("_id").is(new ObjectId(leadId))), LeadDocument.class);
    }

    private Flux<LeadDocument> findLive(String userId, Collection<ObjectId> ids) {
        return ids.isEmpty()
                ? Flux.empty()
                : mongo.find(query(live(userId).and("_id").in(ids)), LeadDocument.class);
    }

    /** The leads of a user that are not deleted: every read and write starts here. */
    public static Criteria live(String userId) {
        return where("userId").is(userId).and("deletedAt").isNull();
    }

    private Mono<Void> requireList(Tenant tenant, @Nullable ObjectId listId) {
        if (listId == null) {
            return Mono.empty();
        }
        return lists.isListOf(tenant, listId)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(Problems.invalid(List.of(unknownList()))));
    }

    private static FieldViolation unknownList() {
        return new FieldViolation("listId", "is not the id of one of your lists");
    }

    /** 409 naming the unique field that collided and the lead that already has it. */
    private <T> Mono<T> conflict(String userId, @Nullable LeadState state, DuplicateKeyException duplicate) {
        if (state == null) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, "The lead conflicts with another of your leads"));
        }
        return findConflicting(userId, List.of(state)).flatMap(found -> {
            Conflict conflict = found.get(LeadRules.emailKey(userId, state.email()));
            for (Map.Entry<String, String> id : state.integrationIds().present().entrySet()) {
                if (conflict == null) {
                    conflict = found.get(id.getKey() + "|" + userId + "|" + id.getValue());
                }
            }
            return Mono.error(
                    conflict == null
                            ? Problems.of(HttpStatus.CONFLICT, "The lead conflicts with another of your leads")
                            : conflict.problem());
        });
    }

    private record Conflict(String field, String existingLeadId) {
        ErrorResponseException problem() {
            ProblemDetail detail = Problems.titled(
                    HttpStatus.CONFLICT, "Another of your leads already has this " + field + ": " + existingLeadId);
            detail.setProperty("field", field);
            detail.setProperty("existingLeadId", existingLeadId);
            return new ErrorResponseException(HttpStatus.CONFLICT, detail, null);
        }
    }

    /** The existing leads that hold the unique keys of {@code states}, by key ({@code <platform>|} prefixed for ids). */
    private Mono<Map<String, Conflict>> findConflicting(String userId, Collection<LeadState> states) {
        Set<String> emailKeys = new HashSet<>();
        Map<String, Set<String>> platformKeys = new HashMap<>();
        for (LeadState state : states) {
            emailKeys.add(LeadRules.emailKey(userId, state.email()));
            state.integrationIds()
                    .present()
                    .forEach((platform, id) -> platformKeys
                            .computeIfAbsent(platform, p -> new HashSet<>())
                            .add(userId + "|" + id));
        }
        List<Criteria> any = new ArrayList<>();
        any.add(where("emailKey").in(emailKeys));
        platformKeys.forEach((platform, keys) ->
                any.add(where("integrationKeys." + keyField(platform)).in(keys)));
        return mongo.find(query(new Criteria().orOperator(any)), LeadDocument.class)
                .collectList()
                .map(existing -> {
                    Map<String, Conflict> conflicts = new HashMap<>();
                    for (LeadDocument lead : existing) {
                        String id = lead.id().toHexString();
                        if (lead.emailKey() != null) {
                            conflicts.putIfAbsent(lead.emailKey(), new Conflict("email", id));
                        }
                        lead.integrationIdsOrNone()
                                .present()
                                .forEach((platform, recordId) -> conflicts.putIfAbsent(
                                        platform + "|" + userId + "|" + recordId,
                                        new Conflict("integrationIds." + platform, id)));
                    }
                    return conflicts;
                });
    }

    private Mono<Map<String, Conflict>> existingForConflicts(
            String userId, List<LeadDocument> documents, Map<Integer, BulkWriteError> errors) {
        List<LeadState> duplicates = errors.entrySet().stream()
                .filter(error -> error.getValue().getCode() == DUPLICATE_KEY)
                .map(error -> LeadState.of(documents.get(error.getKey())))
                .toList();
        return duplicates.isEmpty() ? Mono.just(Map.of()) : findConflicting(userId, duplicates);
    }

    private static BatchItem failedItem(
            int index, LeadDocument lead, BulkWriteError error, Map<String, Conflict> existing) {
        if (error.getCode() == DUPLICATE_KEY) {
            List<String> keys = new ArrayList<>();
            keys.add(lead.emailKey());
            lead.integrationIdsOrNone()
                    .present()
                    .forEach((platform, id) -> keys.add(platform + "|" + lead.userId() + "|" + id));
            for (String key : keys) {
                Conflict conflict = existing.get(key);
                if (conflict != null
                        && !conflict.existingLeadId().equals(lead.id().toHexString())) {
                    return new BatchItem(
                            index,
                            null,
                            List.of(new FieldViolation(
                                    conflict.field(), "another of your leads already has this value")),
                            conflict.field(),
                            conflict.existingLeadId());
                }
            }
        }
        return new BatchItem(
                index,
                null,
                List.of(new FieldViolation("lead", "could not be stored: " + error.getMessage())),
                null,
                null);
    }

    private static String keyField(String platform) {
        return switch (platform) {
            case "hubspotRecordId" -> "hubspot";
            case "salesforceRecordId" -> "salesforce";
            default -> "googleSheets";
        };
    }

    private static LeadState withList(LeadState state, @Nullable ObjectId listId) {
        return new LeadState(
                state.firstName(),
                state.lastName(),
                state.email(),
                state.phone(),
                state.phoneE164(),
                state.companyName(),
                state.jobTitle(),
                state.linkedinUrl(),
                state.notes(),
                state.customFields(),
                state.integrationIds(),
                listId);
    }

    private static @Nullable MongoBulkWriteException bulkCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk;
            }
        }
        return null;
    }

    private static ErrorResponseException versionMismatch(long current) {
        ProblemDetail detail = Problems.titled(
                HttpStatus.PRECONDITION_FAILED, "The lead was changed meanwhile; it is now at version " + current);
        detail.setProperty("currentVersion", current);
        return new ErrorResponseException(HttpStatus.PRECONDITION_FAILED, detail, null);
    }

    private Instant now() {
        // Millisecond precision: what MongoDB stores, so cursors on timestamps compare exactly.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A lead changed between our read and our write; the change is recomputed. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super(null, null, false, false);
        }
    }
}
