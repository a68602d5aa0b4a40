package io.leadsuite.leads.list;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.lead.ListDirectory;
import java.time.Clock;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a {@code listId} against the projection of list events ({@code list_refs}); for a list the
 * projection has not heard of yet (created a moment ago), asks lists-service and remembers the answer.
 * With lists-service down, every list the projection knows still works.
 */
@Component
class KnownLists implements ListDirectory {

    private final ReactiveMongoTemplate mongo;
    private final ListsClient lists;
    private final Clock clock;

    KnownLists(ReactiveMongoTemplate mongo, ListsClient lists, Clock clock) {
        this.mongo = mongo;
        this.lists = lists;
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> isListOf(Tenant tenant, ObjectId listId) {
        return mongo.findById(listId, ListRef.class)
                .map(list -> !list.deleted() && list.userId().equals(tenant.userId()))
                .switchIfEmpty(Mono.defer(() -> askListsService(tenant, listId)));
    }

    private Mono<Boolean> askListsService(Tenant tenant, ObjectId listId) {
        return lists.isListOf(tenant.userId(), listId.toHexString())
                .flatMap(exists -> exists ? remember(tenant, listId).thenReturn(true) : Mono.just(false))
                .onErrorMap(unavailable -> Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The list " + listId + " cannot be checked right now (listId); try again shortly."));
    }

    private Mono<Void> remember(Tenant tenant, ObjectId listId) {
        return mongo.upsert(
                        query(where("_id").is(listId)),
                        new Update()
                                .setOnInsert("userId", tenant.userId())
                                .setOnInsert("deleted", false)
                                .setOnInsert("updatedAt", clock.instant()),
                        ListRef.class)
                .then();
    }
}
