package io.leadsuite.common.outbox;

import io.leadsuite.common.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes through a Spring Cloud Stream binding whose Kafka producer is synchronous
 * ({@code producer.sync: true}), so that {@code send} returns only once the broker acknowledged the
 * record and throws when it did not. The blocking send runs on the bounded elastic scheduler, inside
 * the trace of the change that queued the event, so that the record's producer span and its
 * {@code traceparent} header continue that trace.
 */
public final class StreamBridgeEventPublisher implements EventPublisher {

    private final StreamBridge bridge;
    private final String binding;
    private final String source;

    public StreamBridgeEventPublisher(StreamBridge bridge, String binding, String source) {
        this.bridge = bridge;
        this.binding = binding;
        this.source = source;
    }

    @Override
    public Mono<Void> publish(String key, PendingEvent event) {
        Message<byte[]> message = MessageBuilder.withPayload(event.json().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(CloudEventHeaders.of(
                        event.eventId(), event.type(), source, event.at().toString(), key))
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .build();
        return Mono.fromCallable(() -> {
                    try (var trace = TraceParent.resume(event.traceparent())) {
                        return bridge.send(binding, message);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sent -> sent
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException(
                                "Binding " + binding + " did not accept event " + event.eventId())));
    }
}
