package io.leadsuite.common.outbox;

import reactor.core.publisher.Mono;

/** Sends one event to Kafka and completes once the broker has acknowledged it. */
@FunctionalInterface
public interface EventPublisher {

    Mono<Void> publish(String key, PendingEvent event);
}
