package io.leadsuite.lists.count;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LeadChange;
import io.leadsuite.lists.count.LeadCountProjector.LeadEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code leads.lead-changes.v1} in batches (binding {@code leadChanges-in-0}, group
 * {@code lists-service}) into the lists' counts. A record that is not a lead event the counts can read
 * goes to {@code leads.lead-changes.v1.lists-service.dlt} and the batch goes on; any other failure (the
 * database away) retries the whole batch with backoff, indefinitely, which is safe because counting is
 * idempotent.
 *
 * <p>A batch mixes records of many traces (each carries the {@code traceparent} of the change that
 * caused it): once the batch is counted, one log line per trace says how many of its changes were
 * counted, in a span whose parent is that trace.
 */
@Configuration(proxyBeanMethods = false)
class LeadChangesConsumer {

    private static final Logger log = LoggerFactory.getLogger(LeadChangesConsumer.class);
    private static final TypeReference<EventEnvelope<LeadChange>> ENVELOPE = new TypeReference<>() {};
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(2);
    private static final String TRACEPARENT = "traceparent";

    /** Runs on a Kafka consumer thread, where waiting for the database is allowed. */
    @Bean
    Consumer<Message<List<byte[]>>> leadChanges(
            LeadCountProjector projector, JsonMapper json, StreamBridge bridge, Tracer tracer, Propagator propagator) {
        return batch -> {
            List<byte[]> payloads = batch.getPayload();
            List<?> partitions = header(batch, KafkaHeaders.RECEIVED_PARTITION);
            List<?> offsets = header(batch, KafkaHeaders.OFFSET);
            List<LeadEvent> events = new ArrayList<>(payloads.size());
            for (int i = 0; i < payloads.size(); i++) {
                int partition = ((Number) partitions.get(i)).intValue();
                long offset = ((Number) offsets.get(i)).longValue();
                try {
                    EventEnvelope<LeadChange> envelope = json.readValue(payloads.get(i), ENVELOPE);
                    LeadChange change = envelope.data();
                    if (change == null || change.leadId() == null || envelope.tenant() == null) {
                        throw new IllegalArgumentException("not a lead change: no data.leadId or tenant");
                    }
                    events.add(new LeadEvent(
                            partition,
                            offset,
                            change.leadId(),
                            envelope.tenant().userId(),
                            change.version(),
                            change.listId(),
                            change.previousListId()));
                } catch (RuntimeException unreadable) {
                    log.warn(
                            "Dead-lettering lead event at partition {} offset {}: {}",
                            partition,
                            offset,
                            unreadable.toString());
                    bridge.send(
                            "leadChangesDeadLetters-out-0",
                            MessageBuilder.withPayload(payloads.get(i))
                                    .setHeader("x-original-partition", partition)
                                    .setHeader("x-original-offset", offset)
                                    .setHeader("x-exception", String.valueOf(unreadable.getMessage()))
                                    .build());
                }
            }
            projector.apply(events).block(BATCH_TIMEOUT);
            logPerTrace(batch, tracer, propagator);
        };
    }

    private static void logPerTrace(Message<List<byte[]>> batch, Tracer tracer, Propagator propagator) {
        // By trace id: the records of one trace carry different parent spans (one per relay publish).
        Map<String, String> parentOf = new LinkedHashMap<>();
        Map<String, Integer> counted = new LinkedHashMap<>();
        if (batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS) instanceof List<?> records) {
            for (Object headers : records) {
                String traceparent = headers instanceof Map<?, ?> map ? text(map.get(TRACEPARENT)) : null;
                String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
                if (parts.length == 4) {
                    parentOf.putIfAbsent(parts[1], traceparent);
                    counted.merge(parts[1], 1, Integer::sum);
                }
            }
        }
        int size = batch.getPayload().size();
        parentOf.forEach((traceId, traceparent) -> {
            Span span = propagator
                    .extract(Map.of(TRACEPARENT, traceparent), Map::get)
                    .name("lead changes counted")
                    .start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                log.info(
                        "Counted {} lead changes of this trace (batch of {}) into the lists' counts",
                        counted.get(traceId),
                        size);
            } finally {
                span.end();
            }
        });
    }

    private static @Nullable String text(@Nullable Object header) {
        return header instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8)
                : header instanceof String string ? string : null;
    }

    /** Failures other than unreadable records retry the batch with backoff, forever: nothing is skipped. */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryBatchesForever() {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
            backOff.setMaxInterval(30_000);
            DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
            handler.setRetryListeners(new RetryListener() {
                @Override
                public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
                    log.warn("Counting failed (attempt {}); retrying with backoff", attempt, failure);
                }

                @Override
                public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
                    log.warn(
                            "Counting a batch of {} lead events failed (attempt {}); retrying with backoff",
                            records.count(),
                            attempt,
                            failure);
                }
            });
            container.setCommonErrorHandler(handler);
        };
    }

    private static List<?> header(Message<?> batch, String name) {
        Object value = batch.getHeaders().get(name);
        if (value instanceof List<?> values) {
            return values;
        }
        throw new IllegalStateException("Batch header " + name + " missing; is the binding in batch mode?");
    }
}
