package io.leadsuite.leads.list;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ListChange;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.lead.BulkLeadChanges;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code lists.list-changes.v1}: keeps the list projection, and when a list is deleted takes
 * its leads out of it (or deletes them, if the deleting user asked for that). Idempotent: the
 * projection only moves forward (a deleted list stays deleted) and detaching works on what is still in
 * the list, so a redelivered event changes nothing. Failures are retried, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class ListChangesConsumer {

    private static final Logger log = LoggerFactory.getLogger(ListChangesConsumer.class);
    private static final TypeReference<EventEnvelope<ListChange>> ENVELOPE = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** The binding {@code listChanges-in-0}; runs on a Kafka consumer thread, where waiting is allowed. */
    @Bean
    Consumer<Message<byte[]>> listChanges(
            ReactiveMongoTemplate mongo, BulkLeadChanges leads, JsonMapper json, Clock clock) {
        return message -> {
            EventEnvelope<ListChange> event = json.readValue(message.getPayload(), ENVELOPE);
            ObjectId listId = new ObjectId(event.data().listId());
            String userId = event.tenant().userId();
            Mono<?> work = switch (event.type()) {
                case ListChange.CREATED, ListChange.UPDATED ->
                    mongo.upsert(
                            query(where("_id").is(listId)),
                            new Update()
                                    .setOnInsert("userId", userId)
                                    .setOnInsert("deleted", false)
                                    .set("updatedAt", clock.instant()),
                            ListRef.class);
                case ListChange.DELETED ->
                    mongo.upsert(
                                    query(where("_id").is(listId)),
                                    new Update()
                                            .set("userId", userId)
                                            .set("deleted", true)
                                            .set("updatedAt", clock.instant()),
                                    ListRef.class)
                            .then(removeLeadsFrom(
                                    mongo,
                                    leads,
                                    listId,
                                    userId,
                                    Boolean.TRUE.equals(event.data().deleteLeads())));
                default -> {
                    log.debug("Ignoring list event of type {}", event.type());
                    yield Mono.empty();
                }
            };
            Object done = work.block(TIMEOUT);
            if (event.type().equals(ListChange.DELETED)) {
                log.info(
                        "List {} deleted: {} of its leads {}",
                        listId,
                        done,
                        Boolean.TRUE.equals(event.data().deleteLeads()) ? "deleted" : "detached");
            }
        };
    }

    private static Mono<Long> removeLeadsFrom(
            ReactiveMongoTemplate mongo, BulkLeadChanges leads, ObjectId listId, String userId, boolean deleteLeads) {
        Tenant owner = new Tenant(userId, null, null);
        Actor actor = Actor.system("list-deleted");
        Mono<Long> removed =
                deleteLeads ? leads.deleteList(actor, owner, listId) : leads.detachList(actor, owner, listId);
        return removed.flatMap(count -> mongo.exists(
                        query(LeadDocument.live(userId).and("listId").is(listId)), LeadDocument.class)
                .flatMap(left -> left
                        ? Mono.error(
                                new IllegalStateException("Leads are still in deleted list " + listId + "; retrying"))
                        : Mono.just(count)));
    }
}
