package io.leadsuite.common.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Declares the relay of one aggregate collection. The platform parts (store, Kafka binding, clock,
 * metrics, the application's name as event source) come from here; a service says only what differs:
 *
 * <pre>{@code
 * @Bean
 * OutboxRelay lineEventRelay(OutboxRelays relays, LinesProperties properties) {
 *     return relays.forCollection(LineDocument.COLLECTION)
 *             .publishingTo("lineChanges-out-0")
 *             .settings(properties.relay())
 *             .keepingTombstones()
 *             .build();
 * }
 * }</pre>
 */
public final class OutboxRelays {

    private final ReactiveMongoTemplate mongo;
    private final StreamBridge bridge;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String source;

    public OutboxRelays(
            ReactiveMongoTemplate mongo, StreamBridge bridge, Clock clock, MeterRegistry meters, String source) {
        this.mongo = mongo;
        this.bridge = bridge;
        this.clock = clock;
        this.meters = meters;
        this.source = source;
    }

    /** Starts the declaration of the relay of {@code collection}. */
    public Builder forCollection(String collection) {
        return new Builder(this, collection);
    }

    /** One relay's declaration; {@link #build} checks that it names a publisher and settings. */
    public static final class Builder {

        final ReactiveMongoTemplate mongo;
        final String collection;
        final Clock clock;
        final MeterRegistry meters;
        private final OutboxRelays relays;

        @Nullable
        EventPublisher publisher;

        @Nullable
        RelaySettings settings;

        Function<List<OutboxRecord>, Mono<Void>> recorder = records -> Mono.empty();
        Function<List<OutboxRecord>, Mono<Set<ObjectId>>> holdBack = records -> Mono.just(Set.of());
        final List<OutboxRelay> downstream = new ArrayList<>();
        boolean purgeTombstones = true;

        private Builder(OutboxRelays relays, String collection) {
            this.relays = relays;
            this.mongo = relays.mongo;
            this.collection = collection;
            this.clock = relays.clock;
            this.meters = relays.meters;
        }

        /** Publishes through the output binding of the collection's topic. */
        public Builder publishingTo(String binding) {
            return publishingWith(new StreamBridgeEventPublisher(relays.bridge, binding, relays.source));
        }

        /** Publishes with {@code publisher} (a test's, or another transport). */
        public Builder publishingWith(EventPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        public Builder settings(RelaySettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * Hands every round to {@code recorder} before its events are published (the leads' audit
         * trail); it must tolerate seeing an event again, since a round can be retried.
         */
        public Builder recordingWith(Function<List<OutboxRecord>, Mono<Void>> recorder) {
            this.recorder = recorder;
            return this;
        }

        /**
         * Asks {@code holdBack}, for every round, which of its documents must wait (their events may
         * only follow events another relay has not published yet); those stay as they are for a later
         * round. That relay should signal this one ({@link #signalling}) when it publishes.
         */
        public Builder holdingBack(Function<List<OutboxRecord>, Mono<Set<ObjectId>>> holdBack) {
            this.holdBack = holdBack;
            return this;
        }

        /**
         * Tells {@code relay} after every round that published events, so that it looks again for the
         * documents it held back for them (only then).
         */
        public Builder signalling(OutboxRelay relay) {
            downstream.add(relay);
            return this;
        }

        /**
         * Keeps a document with {@code deletedAt} once its last event is out, for aggregates whose
         * tombstones are history; by default the relay removes it.
         */
        public Builder keepingTombstones() {
            this.purgeTombstones = false;
            return this;
        }

        public OutboxRelay build() {
            Objects.requireNonNull(publisher, "the relay of " + collection + " needs a publisher");
            Objects.requireNonNull(settings, "the relay of " + collection + " needs its settings");
            return OutboxRelay.of(this);
        }
    }
}
