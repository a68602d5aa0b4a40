package io.leadsuite.leads.list;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LeadChange;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadEvents;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For lists-service's drift repair (service-to-service, {@code X-Internal-Token}): how many of a user's
 * leads each list holds <em>as published on {@code leads.lead-changes.v1}</em>. A lead whose latest
 * changes are still in its outbox counts where its last published event left it, so the answer can be
 * compared exactly with counts built from the topic once its consumer has caught up.
 */
@RestController
@Hidden
class ListCountsController {

    static final int MAX_LISTS = 500;

    private final ReactiveMongoTemplate mongo;
    private final LeadEvents events;

    ListCountsController(ReactiveMongoTemplate mongo, LeadEvents events) {
        this.mongo = mongo;
        this.events = events;
    }

    @GetMapping("/internal/list-counts")
    Mono<Map<String, Long>> counts(
            @RequestParam String userId, @RequestParam("listId") @Size(min = 1, max = MAX_LISTS) List<String> listIds) {
        if (!listIds.stream().allMatch(ObjectId::isValid)) {
            return Mono.error(Problems.invalid("listId", "must be list ids"));
        }
        List<ObjectId> lists = listIds.stream().map(ObjectId::new).distinct().toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        lists.forEach(list -> counts.put(list.toHexString(), 0L));
        List<Document> settled = List.of(
                new Document(
                        "$match",
                        query(LeadDocument.live(userId)
                                        .and("listId")
                                        .in(lists)
                                        .and("outboxAt")
                                        .exists(false))
                                .getQueryObject()),
                new Document("$group", new Document("_id", "$listId").append("n", new Document("$sum", 1))));
        Flux<Map.Entry<String, Long>> published = mongo.getCollection(LeadDocument.COLLECTION)
                .flatMapMany(collection -> Flux.from(collection.aggregate(settled)))
                .map(group -> Map.entry(group.getObjectId("_id").toHexString(), ((Number) group.get("n")).longValue()));
        Flux<Map.Entry<String, Long>> inFlight = mongo.find(
                        query(where("userId").is(userId).and("outboxAt").exists(true)), LeadDocument.class)
                .mapNotNull(lead -> publishedListOf(lead.pendingEventsOrEmpty().get(0)))
                .map(list -> Map.entry(list, 1L));
        return Flux.concat(published, inFlight)
                .filter(entry -> counts.containsKey(entry.getKey()))
                .doOnNext(entry -> counts.merge(entry.getKey(), entry.getValue(), Long::sum))
                .then(Mono.fromSupplier(() -> counts));
    }

    /** Where a lead with unpublished changes was as last published: before its first pending event. */
    private String publishedListOf(PendingEvent firstPending) {
        EventEnvelope<LeadChange> event = events.read(firstPending.json());
        return LeadChange.CREATED.equals(event.type()) ? null : event.data().previousListId();
    }
}
