package io.leadsuite.common.lead;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Moves the events that writes left in lead documents to Kafka: records each in the audit trail,
 * publishes it (keyed by lead id, in the lead's order) and removes it from the lead only after Kafka
 * acknowledged it. Nothing acknowledged to a caller can be lost: until then the event sits in the
 * lead, and a stopped broker only delays it.
 *
 * <p>Runs in every instance that writes leads. Instances claim leads with a lease
 * ({@code relayLockedUntil}) so that each lead's events are published by one relay at a time; a relay
 * that dies mid-way leaves its lease to expire and another publishes again: delivery is at least once,
 * and consumers deduplicate on the event id.
 */
public final class LeadEventRelay implements OutboxSignal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeadEventRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final LeadProperties.Relay settings;
    private final String owner = UUID.randomUUID().toString();
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private final Counter published;
    private final Counter failed;
    private volatile Disposable loop;
    private int consecutiveFailures;

    public LeadEventRelay(
            ReactiveMongoTemplate mongo,
            EventPublisher publisher,
            Clock clock,
            LeadProperties.Relay settings,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.settings = settings;
        this.published = meters.counter("leadsuite.lead.events.published");
        this.failed = meters.counter("leadsuite.lead.events.publish.failures");
    }

    @Override
    public void eventsPending() {
        wakeups.tryEmitNext(true);
    }

    /** What one relay round did. */
    public record Round(int leads, int events, int failures) {}

    /** Relays the events of up to one batch of leads; the loop calls it, tests may too. */
    public Mono<Round> relayBatch() {
        Instant now = clock.instant();
        Instant lease = now.plus(settings.lease());
        Query due = query(where("outboxAt").exists(true).orOperator(unlocked(now)))
                .with(Sort.by("outboxAt"))
                .limit(settings.batchSize());
        due.fields().include("_id");
        return mongo.find(due, Document.class, LeadDocument.COLLECTION)
                .map(document -> document.getObjectId("_id"))
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(new Round(0, 0, 0)) : claimAndPublish(ids, now, lease));
    }

    private Mono<Round> claimAndPublish(List<ObjectId> ids, Instant now, Instant lease) {
        return mongo.updateMulti(
                        query(where("_id").in(ids).orOperator(unlocked(now))),
                        new Update().set("relayLockedUntil", lease).set("relayOwner", owner),
                        LeadDocument.class)
                .thenMany(mongo.find(
                        query(where("_id")
                                .in(ids)
                                .and("relayOwner")
                                .is(owner)
                                .and("relayLockedUntil")
                                .is(lease)),
                        LeadDocument.class))
                .collectList()
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(new Round(0, 0, 0)) : publish(claimed));
    }

    private Mono<Round> publish(List<LeadDocument> leads) {
        return recordAudit(leads)
                .thenMany(Flux.fromIterable(leads).flatMap(this::publishInOrder, settings.publishConcurrency()))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(sent -> release(leads, sent).thenReturn(round(leads, sent)));
    }

    /** Publishes one lead's events in order, stopping at the first failure; returns those Kafka acknowledged. */
    private Mono<Map.Entry<LeadDocument, List<String>>> publishInOrder(LeadDocument lead) {
        List<String> sent = new ArrayList<>();
        return Flux.fromIterable(lead.pendingEventsOrEmpty())
                .concatMap(event -> publisher
                        .publish(lead.id().toHexString(), event)
                        .then(Mono.fromRunnable(() -> {
                            sent.add(event.eventId());
                            published.increment();
                        })))
                .then()
                .onErrorResume(error -> {
                    failed.increment();
                    log.warn("Could not publish the events of lead {} yet: {}", lead.id(), error.toString());
                    return Mono.empty();
                })
                .then(Mono.fromSupplier(() -> Map.entry(lead, List.copyOf(sent))));
    }

    /** The audit entries, first: recording one twice is harmless, so a retry after a crash is too. */
    private Mono<Void> recordAudit(List<LeadDocument> leads) {
        List<LeadAuditEntry> entries = new ArrayList<>();
        for (LeadDocument lead : leads) {
            for (PendingEvent event : lead.pendingEventsOrEmpty()) {
                entries.add(new LeadAuditEntry(
                        event.eventId(), lead.id(), lead.userId(), event.type(), event.at(), event.json()));
            }
        }
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LeadAuditEntry.class)
                .insert(entries)
                .execute()
                .onErrorResume(DuplicateKeyException.class, alreadyRecorded -> Mono.empty())
                .then();
    }

    /**
     * Removes the acknowledged events, releases the claim, clears {@code outboxAt} of leads with nothing
     * left, and removes deleted leads whose last event is out; in one ordered bulk write.
     */
    private Mono<Void> release(List<LeadDocument> leads, Map<LeadDocument, List<String>> sent) {
        ReactiveBulkOperations operations = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, LeadDocument.class);
        for (LeadDocument lead : leads) {
            Update release = new Update().unset("relayLockedUntil").unset("relayOwner");
            List<String> ids = sent.getOrDefault(lead, List.of());
            if (!ids.isEmpty()) {
                release.pull("pendingEvents", new Document("eventId", new Document("$in", ids)));
            }
            operations.updateOne(
                    query(where("_id").is(lead.id()).and("relayOwner").is(owner)), release);
            Query drained =
                    query(where("_id").is(lead.id()).and("pendingEvents").size(0));
            operations.updateOne(drained, new Update().unset("outboxAt"));
            if (lead.deletedAt() != null) {
                operations.remove(query(where("_id")
                        .is(lead.id())
                        .and("deletedAt")
                        .ne(null)
                        .and("pendingEvents")
                        .size(0)));
            }
        }
        return operations.execute().then();
    }

    private Round round(List<LeadDocument> leads, Map<LeadDocument, List<String>> sent) {
        int events = sent.values().stream().mapToInt(List::size).sum();
        int failures = (int) leads.stream()
                .filter(lead -> sent.getOrDefault(lead, List.of()).size()
                        < lead.pendingEventsOrEmpty().size())
                .count();
        return new Round(leads.size(), events, failures);
    }

    private static Criteria[] unlocked(Instant now) {
        return new Criteria[] {
            where("relayLockedUntil").exists(false), where("relayLockedUntil").lt(now)
        };
    }

    /** Relays until no lead has pending events; after a failed round it waits, longer each time. */
    private Mono<Void> drain() {
        return relayBatch()
                .expand(round ->
                        round.leads() == settings.batchSize() && round.failures() == 0 ? relayBatch() : Mono.empty())
                .last(new Round(0, 0, 0))
                .flatMap(round -> {
                    if (round.failures() == 0) {
                        consecutiveFailures = 0;
                        return Mono.<Void>empty();
                    }
                    return Mono.delay(backoff()).then();
                })
                .onErrorResume(error -> {
                    log.warn("Lead event relay round failed: {}", error.toString());
                    return Mono.delay(backoff()).then();
                });
    }

    private Duration backoff() {
        consecutiveFailures = Math.min(consecutiveFailures + 1, 10);
        Duration delay = settings.pollInterval().multipliedBy(1L << Math.min(consecutiveFailures, 5));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    @Override
    public void start() {
        loop = Flux.merge(
                        wakeups.asFlux(), Flux.interval(settings.pollInterval()).map(tick -> true))
                .onBackpressureLatest()
                .concatMap(tick -> drain(), 1)
                .subscribe(ignored -> {}, error -> log.error("Lead event relay stopped", error));
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
