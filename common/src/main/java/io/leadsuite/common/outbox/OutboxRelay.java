package io.leadsuite.common.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Moves the events that writes left inside aggregate documents ({@code pendingEvents}, {@code
 * outboxAt}) to Kafka: hands each round to a recorder (the leads' audit trail), publishes each event
 * (keyed by the document id, or by the event's own key, in the document's order per key) and removes it from the document only after
 * Kafka acknowledged it. Nothing acknowledged to a caller can be lost: until then the event sits in
 * the document, and a stopped broker only delays it.
 *
 * <p>Runs in every instance that writes the collection. Instances claim documents for a round with a
 * lease ({@code relayRound}, {@code relayLockedUntil}), so each document's events are published by one
 * relay at a time; a relay that dies mid-way leaves its lease to expire and another publishes again:
 * delivery is at least once, and consumers deduplicate on the event id.
 */
public final class OutboxRelay implements OutboxSignal, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Round NOTHING = new Round(0, 0, 0, 0);

    private final ReactiveMongoTemplate mongo;
    private final String collection;
    private final EventPublisher publisher;
    private final Function<List<OutboxRecord>, Mono<Void>> recorder;
    private final Function<List<OutboxRecord>, Mono<Set<ObjectId>>> holdBack;
    private final List<OutboxRelay> downstream;
    private final Clock clock;
    private final RelaySettings settings;
    private final boolean purgeTombstones;
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private final Counter published;
    private final Counter failed;
    /** How long the oldest event this relay could take has been waiting, as of its last look (ms). */
    private final AtomicLong oldestWaitingMillis = new AtomicLong();

    private volatile Disposable loop;
    private volatile boolean holding;
    private int consecutiveFailures;

    private OutboxRelay(OutboxRelays.Builder builder) {
        this.mongo = builder.mongo;
        this.collection = builder.collection;
        this.publisher = builder.publisher;
        this.recorder = builder.recorder;
        this.holdBack = builder.holdBack;
        this.downstream = List.copyOf(builder.downstream);
        this.clock = builder.clock;
        this.settings = builder.settings;
        this.purgeTombstones = builder.purgeTombstones;
        this.published = builder.meters.counter("leadsuite.outbox.events.published", "collection", collection);
        this.failed = builder.meters.counter("leadsuite.outbox.publish.failures", "collection", collection);
        TimeGauge.builder("leadsuite.outbox.oldest.age", oldestWaitingMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
                .description("Age of the oldest unpublished event at the relay's last look; 0 when none waits")
                .tag("collection", collection)
                .register(builder.meters);
    }

    static OutboxRelay of(OutboxRelays.Builder builder) {
        return new OutboxRelay(builder);
    }

    @Override
    public void eventsPending() {
        wakeups.tryEmitNext(true);
    }

    /**
     * Another relay published events: look again now if documents were held back for it, and not
     * otherwise (looking costs a query of the whole collection's pending events).
     */
    void othersPublished() {
        if (holding) {
            holding = false;
            wakeups.tryEmitNext(true);
        }
    }

    /** What one relay round did; held documents are neither published nor failed. */
    private record Round(int documents, int events, int failures, int held) {}

    /** Relays the events of one round of documents. */
    private Mono<Round> relayBatch() {
        Instant now = clock.instant();
        Query due = query(where(Outbox.OUTBOX_AT).exists(true).orOperator(unlocked(now)))
                .with(Sort.by(Outbox.OUTBOX_AT))
                .limit(settings.batchSize());
        due.fields().include(Outbox.OUTBOX_AT);
        return mongo.find(due, Document.class, collection)
                .map(document -> document.getDate(Outbox.OUTBOX_AT).toInstant())
                .collectList()
                .doOnNext(times -> oldestWaitingMillis.set(
                        times.isEmpty()
                                ? 0
                                : Duration.between(times.get(0), now).toMillis()))
                .flatMap(times -> times.isEmpty() ? Mono.just(NOTHING) : claim(times.get(times.size() - 1), now));
    }

    /**
     * Claims the unclaimed documents with events pending since {@code upTo} or earlier for one round.
     * Every step of a round addresses its documents by the round id: a handful of multi-document
     * operations per round, whatever its size, each served by an index on real MongoDB.
     */
    private Mono<Round> claim(Instant upTo, Instant now) {
        String round = UUID.randomUUID().toString();
        return mongo.updateMulti(
                        query(where(Outbox.OUTBOX_AT).lte(upTo).orOperator(unlocked(now))),
                        new Update()
                                .set(Outbox.RELAY_ROUND, round)
                                .set(Outbox.RELAY_LOCKED_UNTIL, now.plus(settings.lease())),
                        collection)
                .thenMany(mongo.find(query(where(Outbox.RELAY_ROUND).is(round)), OutboxRecord.class, collection))
                .collectList()
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(NOTHING) : publish(round, claimed));
    }

    /**
     * Publishes a round, except the documents held back for now (whose events must wait for another
     * relay's), which it releases untouched for a later round.
     */
    private Mono<Round> publish(String round, List<OutboxRecord> records) {
        return holdBack.apply(records).flatMap(held -> {
            List<OutboxRecord> ready = records.stream()
                    .filter(record -> !held.contains(record.id()))
                    .toList();
            if (!held.isEmpty()) {
                // Before anything is released, so that a publication of the other relay from now on wakes this one.
                holding = true;
            }
            return recorder.apply(ready)
                    .thenMany(Flux.fromIterable(ready).flatMap(this::publishInOrder, settings.publishConcurrency()))
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .flatMap(sent -> release(round, ready, sent).thenReturn(round(ready, sent, held.size())))
                    .doOnNext(done -> {
                        if (done.events() > 0) {
                            downstream.forEach(OutboxRelay::othersPublished);
                        }
                    });
        });
    }

    /**
     * Publishes one document's events, those of each key in order and the keys side by side (an
     * aggregate's events share its key; a batch document holds many), stopping a key at its first
     * failure; returns the events Kafka acknowledged.
     */
    private Mono<Map.Entry<OutboxRecord, List<String>>> publishInOrder(OutboxRecord record) {
        String documentKey = record.id().toHexString();
        Map<String, List<PendingEvent>> byKey = record.pendingEventsOrEmpty().stream()
                .collect(Collectors.groupingBy(
                        event -> event.key() == null ? documentKey : event.key(),
                        LinkedHashMap::new,
                        Collectors.toList()));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        return Flux.fromIterable(byKey.entrySet())
                .flatMap(
                        keyed -> Flux.fromIterable(keyed.getValue())
                                .concatMap(event -> publisher
                                        .publish(keyed.getKey(), event)
                                        .then(Mono.fromRunnable(() -> {
                                            sent.add(event.eventId());
                                            published.increment();
                                        })))
                                .then()
                                .onErrorResume(error -> {
                                    failed.increment();
                                    firstFailure.compareAndSet(null, error);
                                    return Mono.empty();
                                }),
                        settings.publishConcurrency())
                .then(Mono.fromSupplier(() -> {
                    Throwable failure = firstFailure.get();
                    if (failure != null) {
                        log.warn(
                                "Could not publish the events of {} {} yet: {}",
                                collection,
                                record.id(),
                                failure.toString());
                    }
                    return Map.entry(record, List.copyOf(sent));
                }));
    }

    /**
     * Ends a round: removes the events Kafka acknowledged (event ids are unique, so pulling all of the
     * round's acknowledged ids from each of its documents removes exactly what was published), clears
     * {@code outboxAt} of the documents with nothing left, removes tombstones whose last event is out,
     * and releases the claim. If the lease ran out and another relay took the documents over, none of
     * this touches them and that relay publishes the events again: at least once.
     */
    private Mono<Void> release(String round, List<OutboxRecord> records, Map<OutboxRecord, List<String>> sent) {
        List<String> publishedIds = sent.values().stream().flatMap(List::stream).toList();
        Query ofRound = query(where(Outbox.RELAY_ROUND).is(round));
        Mono<?> pull = publishedIds.isEmpty()
                ? Mono.empty()
                : mongo.updateMulti(
                        ofRound,
                        new Update()
                                .pull(
                                        Outbox.PENDING_EVENTS,
                                        new Document("eventId", new Document("$in", publishedIds))),
                        collection);
        Mono<?> drained = mongo.updateMulti(
                query(where(Outbox.RELAY_ROUND)
                        .is(round)
                        .and(Outbox.PENDING_EVENTS)
                        .size(0)),
                new Update().unset(Outbox.OUTBOX_AT),
                collection);
        Mono<?> purge = purgeTombstones && records.stream().anyMatch(record -> record.deletedAt() != null)
                ? mongo.remove(
                        query(where(Outbox.RELAY_ROUND)
                                .is(round)
                                .and("deletedAt")
                                .ne(null)
                                .and(Outbox.PENDING_EVENTS)
                                .size(0)),
                        collection)
                : Mono.empty();
        Mono<?> unclaim = mongo.updateMulti(
                ofRound, new Update().unset(Outbox.RELAY_ROUND).unset(Outbox.RELAY_LOCKED_UNTIL), collection);
        return pull.then(drained).then(purge).then(unclaim).then();
    }

    private Round round(List<OutboxRecord> records, Map<OutboxRecord, List<String>> sent, int held) {
        int events = sent.values().stream().mapToInt(List::size).sum();
        int failures = (int) records.stream()
                .filter(record -> sent.getOrDefault(record, List.of()).size()
                        < record.pendingEventsOrEmpty().size())
                .count();
        return new Round(records.size() + held, events, failures, held);
    }

    private static Criteria[] unlocked(Instant now) {
        return new Criteria[] {
            where(Outbox.RELAY_LOCKED_UNTIL).exists(false),
            where(Outbox.RELAY_LOCKED_UNTIL).lt(now)
        };
    }

    /** Relays until nothing is pending; after a failed round it waits, longer each time. */
    private Mono<Void> drain() {
        return relayBatch()
                .expand(round -> round.documents() >= settings.batchSize() && round.failures() == 0 && round.held() == 0
                        ? relayBatch()
                        : Mono.empty())
                .last(NOTHING)
                .flatMap(round -> {
                    if (round.failures() == 0) {
                        consecutiveFailures = 0;
                        return Mono.<Void>empty();
                    }
                    return Mono.delay(backoff()).then();
                })
                .onErrorResume(error -> {
                    log.warn("Relay round of {} failed: {}", collection, error.toString());
                    return Mono.delay(backoff()).then();
                });
    }

    private Duration backoff() {
        consecutiveFailures = Math.min(consecutiveFailures + 1, 10);
        return backoff(settings.pollInterval(), consecutiveFailures);
    }

    /**
     * How long to wait after the {@code failures}-th failed round in a row: the poll interval doubled per
     * failure, from twice the interval after the first, up to 32 times, and never more than 30 s.
     */
    static Duration backoff(Duration pollInterval, int failures) {
        Duration delay = pollInterval.multipliedBy(1L << Math.min(Math.max(failures, 1), 5));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        loop = Flux.merge(
                        wakeups.asFlux(), Flux.interval(settings.pollInterval()).map(tick -> true))
                .onBackpressureLatest()
                .concatMap(tick -> drain(), 1)
                .subscribe(ignored -> {}, error -> log.error("Relay of {} stopped", collection, error));
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
