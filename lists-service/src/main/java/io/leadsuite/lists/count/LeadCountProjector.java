package io.leadsuite.lists.count;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lists.count.CountChanges.Delta;
import io.leadsuite.lists.count.CountChanges.Increment;
import io.leadsuite.lists.list.ListDocument;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Keeps {@code leadCount} exact from batches of lead events, with one atomic increment per list per
 * batch and no transactions:
 *
 * <ol>
 *   <li>Each event is checked against the lead's {@link LeadMembership}: it counts if it is newer, or if
 *       it is the very record that last updated the membership (a redelivery whose count may not have
 *       been applied). Copies of an event published twice, and older events, do not count.
 *   <li>The counted events become per-list deltas: {@code -1} for the list a lead left ({@code
 *       previousListId}), {@code +1} for the list it joined ({@code listId}).
 *   <li>Each list applies only the events beyond the offsets it has already counted, per partition, and
 *       records the new offsets in the same atomic update, guarded on the offsets it read. A batch
 *       delivered again, or the whole topic replayed, is therefore never counted twice.
 * </ol>
 *
 * A crash between any two steps is repaired by redelivery: each step is idempotent on its own. What each
 * step decides is {@link CountChanges}; this class reads and writes it.
 */
@Component
class LeadCountProjector {

    private static final int MAX_ATTEMPTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    LeadCountProjector(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One record of {@code leads.lead-changes.v1}, as the counts need it. */
    record LeadEvent(
            int partition,
            long offset,
            String leadId,
            String userId,
            long version,
            @Nullable String listId,
            @Nullable String previousListId) {}

    Mono<Void> apply(List<LeadEvent> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        Set<String> leadIds = batch.stream().map(LeadEvent::leadId).collect(Collectors.toSet());
        return mongo.find(query(where("_id").in(leadIds)), LeadMembership.class)
                .collectMap(LeadMembership::id)
                .flatMap(known -> {
                    CountChanges changes = CountChanges.of(batch, known, clock);
                    return saveMemberships(changes.memberships(), known.keySet())
                            .then(applyToLists(changes.deltas()));
                });
    }

    /**
     * Inserts the memberships of leads seen for the first time (an import's new leads: one index write
     * each, where an upsert would look first) and updates the others. A lead's events all come from one
     * partition, so no other consumer inserts the same membership meanwhile; if one did after a
     * rebalance, the batch fails on the duplicate and is redelivered, and then finds it.
     */
    private Mono<Void> saveMemberships(Collection<LeadMembership> memberships, Set<String> known) {
        if (memberships.isEmpty()) {
            return Mono.empty();
        }
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadMembership.class);
        for (LeadMembership membership : memberships) {
            if (!known.contains(membership.id())) {
                bulk.insert(membership);
                continue;
            }
            Update update = new Update()
                    .set("userId", membership.userId())
                    .set("version", membership.version())
                    .set("partition", membership.partition())
                    .set("offset", membership.offset())
                    .set("updatedAt", membership.updatedAt());
            if (membership.listId() == null) {
                update.unset("listId");
            } else {
                update.set("listId", membership.listId());
            }
            bulk.updateOne(query(where("_id").is(membership.id())), update);
        }
        return bulk.execute().then();
    }

    /**
     * One guarded increment per list: the deltas beyond the list's counted offsets, with the new offsets.
     * When a concurrent consumer (another partition) changed some of the lists meanwhile, all are read
     * again and applied again (the lists already incremented then have nothing left to count).
     */
    private Mono<Void> applyToLists(List<Delta> deltas) {
        if (deltas.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> incrementLists(deltas))
                .retryWhen(Retry.max(MAX_ATTEMPTS - 1)
                        .filter(ListsChanged.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) ->
                                new IllegalStateException("Lists kept changing under the count; batch retried")));
    }

    private Mono<Void> incrementLists(List<Delta> deltas) {
        List<ObjectId> listIds = deltas.stream()
                .map(Delta::listId)
                .filter(ObjectId::isValid)
                .distinct()
                .map(ObjectId::new)
                .toList();
        Map<String, List<Delta>> byList = deltas.stream().collect(Collectors.groupingBy(Delta::listId));
        return mongo.find(query(where("_id").in(listIds).and("deletedAt").isNull()), ListDocument.class)
                .collectList()
                .flatMap(lists -> {
                    ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ListDocument.class);
                    int writes = 0;
                    for (ListDocument list : lists) {
                        Map<String, Long> counted = list.countedOffsetsOrEmpty();
                        Optional<Increment> increment =
                                Increment.of(counted, byList.get(list.id().toHexString()));
                        if (increment.isEmpty()) {
                            continue;
                        }
                        Criteria guard =
                                where("_id").is(list.id()).and("deletedAt").isNull();
                        Update update =
                                new Update().inc("leadCount", increment.get().change());
                        for (Map.Entry<String, Long> partition :
                                increment.get().reached().entrySet()) {
                            Long before = counted.get(partition.getKey());
                            String field = "countedOffsets." + partition.getKey();
                            guard = before == null
                                    ? guard.and(field).exists(false)
                                    : guard.and(field).is(before);
                            update.set(field, partition.getValue());
                        }
                        bulk.updateOne(query(guard), update);
                        writes++;
                    }
                    if (writes == 0) {
                        return Mono.<Void>empty();
                    }
                    int expected = writes;
                    return bulk.execute()
                            .flatMap(result -> result.getModifiedCount() == expected
                                    ? Mono.<Void>empty()
                                    : Mono.error(new ListsChanged()));
                });
    }

    /** Another partition's consumer counted some of the lists between our read and our write. */
    private static final class ListsChanged extends RuntimeException {
        ListsChanged() {
            super(null, null, false, false);
        }
    }
}
