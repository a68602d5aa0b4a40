package io.leadsuite.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning into memory on a background thread, so a test can wait (with
 * Awaitility) for the records it expects. A fresh consumer group each time: nothing is committed.
 */
public final class EventRecorder implements AutoCloseable {

    /** One record as a test sees it. */
    public record Event(String key, String value, Map<String, String> headers, int partition, long offset) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poller;

    private EventRecorder(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "test-recorder-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false",
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                StringDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
        poller = new Thread(
                () -> {
                    try (consumer) {
                        while (running.get()) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                                Map<String, String> headers = new java.util.LinkedHashMap<>();
                                for (Header header : record.headers()) {
                                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                                }
                                events.add(new Event(
                                        record.key(), record.value(), headers, record.partition(), record.offset()));
                            }
                        }
                    }
                },
                "event-recorder-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    public static EventRecorder of(String bootstrapServers, String topic) {
        return new EventRecorder(bootstrapServers, topic);
    }

    /** What was read so far, in the order the topic's partitions delivered it. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> withKey(String key) {
        return events.stream().filter(event -> key.equals(event.key())).toList();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
