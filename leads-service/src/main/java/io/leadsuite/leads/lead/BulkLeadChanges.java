package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Query.query;

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
import io.leadsuite.leads.model.LeadState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One change applied to many of a user's leads: delete them, or move them into a list (or out of any),
 * by ids or by the list they are in. Bulk writes, each lead's change guarded by the version it was
 * computed from; the few leads a concurrent writer changed meanwhile are recomputed.
 */
@Component
public class BulkLeadChanges {

    /** The most ids one bulk request may name. */
    public static final int MAX_BULK = 1000;

    private static final int MAX_ROUNDS = 8;
    private static final int LIST_PAGE = 500;

    private final ReactiveMongoTemplate mongo;
    private final LeadReader reader;
    private final ListDirectory lists;
    private final LeadEvents events;
    private final OutboxSignal outbox;
    private final Clock clock;

    BulkLeadChanges(
            ReactiveMongoTemplate mongo,
            LeadReader reader,
            ListDirectory lists,
            LeadEvents events,
            OutboxSignal outbox,
            Clock clock) {
        this.mongo = mongo;
        this.reader = reader;
        this.lists = lists;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a bulk change did: how many leads changed, how many were already as asked, which ids are not the caller's. */
    record Result(int requested, int changed, int unchanged, List<String> notFound) {}

    /** Deletes the caller's leads among {@code ids}; ids that are not the caller's are reported, not an error. */
    Mono<Result> deleteAll(Actor actor, Tenant tenant, Collection<String> ids) {
        return apply(
                tenant,
                ids,
                (current, now) -> ChangeLead.deletion(events, actor, tenant, current, now),
                current -> false);
    }

    /** Moves the caller's leads among {@code ids} into the list ({@code null}: out of any list). */
    Mono<Result> moveAll(Actor actor, Tenant tenant, Collection<String> ids, @Nullable String listId) {
        if (listId != null && !ObjectId.isValid(listId)) {
            return Mono.error(Problems.invalid(List.of(ListDirectory.UNKNOWN_LIST)));
        }
        ObjectId target = listId == null ? null : new ObjectId(listId);
        return lists.require(tenant, target)
                .then(apply(
                        tenant,
                        ids,
                        (current, now) -> {
                            String from = LeadState.hex(current.listId());
                            LeadDocument moved = LeadDocuments.apply(
                                    current, LeadState.of(current).inList(target), now);
                            PendingEvent event = events.changed(
                                    moved, from, actor, tenant, Map.of("listId", new FieldChange(from, listId)));
                            return LeadDocuments.stateUpdate(moved, event);
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
     * Applies {@code action} to the user's leads in a list, a page at a time, until none is left or a
     * round changes nothing (the caller checks what is left).
     */
    private Mono<Long> inList(String userId, ObjectId listId, Function<List<String>, Mono<Result>> action) {
        Query page = query(LeadDocument.live(userId).and("listId").is(listId)).limit(LIST_PAGE);
        page.fields().include("_id");
        Mono<Long> round = Mono.defer(() -> mongo.find(page, Document.class, LeadDocument.COLLECTION)
                .map(lead -> lead.getObjectId("_id").toHexString())
                .collectList()
                .flatMap(ids ->
                        ids.isEmpty() ? Mono.just(0L) : action.apply(ids).map(result -> (long) result.changed())));
        return round.repeat().takeWhile(changed -> changed > 0).reduce(0L, Long::sum);
    }

    private Mono<Result> apply(
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
        List<String> notFound = new ArrayList<>(
                distinct.stream().filter(id -> !ObjectId.isValid(id)).toList());
        return reader.findAll(tenant.userId(), wanted).collectList().flatMap(found -> {
            Set<ObjectId> present = found.stream().map(LeadDocument::id).collect(Collectors.toSet());
            wanted.stream()
                    .filter(id -> !present.contains(id))
                    .map(ObjectId::toHexString)
                    .sorted()
                    .forEach(notFound::add);
            int unchanged = (int) found.stream().filter(alreadyDone).count();
            List<LeadDocument> pending =
                    found.stream().filter(alreadyDone.negate()).toList();
            return write(tenant, pending, change, alreadyDone, 1)
                    .map(changed -> new Result(distinct.size(), changed, unchanged, List.copyOf(notFound)));
        });
    }

    /** Writes the changes of {@code pending}; recomputes those a concurrent writer changed, a few rounds. */
    private Mono<Integer> write(
            Tenant tenant,
            List<LeadDocument> pending,
            BiFunction<LeadDocument, Instant, Update> change,
            Predicate<LeadDocument> alreadyDone,
            int round) {
        if (pending.isEmpty()) {
            return Mono.just(0);
        }
        Instant now = LeadDocument.now(clock);
        ReactiveBulkOperations operations = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadDocument.class);
        for (LeadDocument lead : pending) {
            operations.updateOne(VersionedUpdate.liveAt(lead.id(), lead.version()), change.apply(lead, now));
        }
        return operations.execute().flatMap(result -> {
            outbox.eventsPending();
            if (result.getModifiedCount() == pending.size()) {
                return Mono.just(pending.size());
            }
            Set<ObjectId> attempted = pending.stream().map(LeadDocument::id).collect(Collectors.toSet());
            return reader.findAll(tenant.userId(), attempted).collectList().flatMap(current -> {
                List<LeadDocument> retry =
                        current.stream().filter(alreadyDone.negate()).toList();
                int done = result.getModifiedCount();
                if (retry.isEmpty() || round >= MAX_ROUNDS) {
                    return Mono.just(done);
                }
                return write(tenant, retry, change, alreadyDone, round + 1).map(more -> done + more);
            });
        });
    }
}
