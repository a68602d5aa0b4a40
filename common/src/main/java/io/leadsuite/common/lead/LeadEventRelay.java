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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * ({@code relayRound}, {@code relayLockedUntil}) so that each lead's events are published by one relay at a time; a relay
 * that dies mid-way leaves its lease to expire and another publishes again: delivery is at least once,
 * and consumers deduplicate on the event id.
 */
public final class LeadEventRelay implements OutboxSignal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeadEventRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Round NOTHING = new Round(0, 0, 0);

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final Clock clock;
    private final LeadProperties.Relay settings;
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
        Query due = query(where("outboxAt").exists(true).orOperator(unlocked(now)))
                .with(Sort.by("outboxAt"))
                .limit(settings.batchSize());
        due.fields().include("outboxAt");
        return mongo.find(due, Document.class, LeadDocument.COLLECTION)
                .map(document -> document.getDate("outboxAt").toInstant())
                .collectList()
                .flatMap(due_ -> due_.isEmpty() ? Mono.just(NOTHING) : claim(due_.get(due_.size() - 1), now));
    }

    /**
     * Claims the unclaimed leads with events pending since {@code upTo} or earlier for one round (leads
     * written by one batch share a time, so a round may hold more than a batch). Every step of a round
     * addresses its leads by the round id: a handful of multi-document operations per round, whatever
     * its size, each served by an index on real MongoDB.
     */
    private Mono<Round> claim(Instant upTo, Instant now) {
        String round = UUID.randomUUID().toString();
        return mongo.updateMulti(
                        query(where("outboxAt").lte(upTo).orOperator(unlocked(now))),
                        new Update().set("relayRound", round).set("relayLockedUntil", now.plus(settings.lease())),
                        LeadDocument.class)
                .thenMany(mongo.find(query(where("relayRound").is(round)), LeadDocument.class))
                .collectList()
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(NOTHING) : publish(round, claimed));
    }

    private Mono<Round> publish(String round, List<LeadDocument> leads) {
        return recordAudit(leads)
                .thenMany(Flux.fromIterable(leads).flatMap(this::publishInOrder, settings.publishConcurrency()))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(sent -> release(round, leads, sent).thenReturn(round(leads, sent)));
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
     * Ends a round: removes the events Kafka acknowledged (event ids are unique, so pulling all of the
     * round's acknowledged ids from each of its leads removes exactly what was published), clears
     * {@code outboxAt} of the leads with nothing left, removes deleted leads whose last event is out,
     * and releases the claim. If the lease ran out and another relay took the leads over, none of this
     * touches them and that relay publishes the events again: at least once.
     */
    private Mono<Void> release(String round, List<LeadDocument> leads, Map<LeadDocument, List<String>> sent) {
        List<String> published = sent.values().stream().flatMap(List::stream).toList();
        Query ofRound = query(where("relayRound").is(round));
        Mono<?> pull = published.isEmpty()
                ? Mono.empty()
                : mongo.updateMulti(
                        ofRound,
                        new Update().pull("pendingEvents", new Document("eventId", new Document("$in", published))),
                        LeadDocument.class);
        Mono<?> drained = mongo.updateMulti(
                query(where("relayRound").is(round).and("pendingEvents").size(0)),
                new Update().unset("outboxAt"),
                LeadDocument.class);
        Mono<?> purge = leads.stream().anyMatch(lead -> lead.deletedAt() != null)
                ? mongo.remove(
                        query(where("relayRound")
                                .is(round)
                                .and("deletedAt")
                                .ne(null)
                                .and("pendingEvents")
                                .size(0)),
                        LeadDocument.class)
                : Mono.empty();
        Mono<?> unclaim = mongo.updateMulti(
                ofRound, new Update().unset("relayRound").unset("relayLockedUntil"), LeadDocument.class);
        return pull.then(drained).then(purge).then(unclaim).then();
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
                .last(NOTHING)
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
