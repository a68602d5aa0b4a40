package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaKraftBrokerIT {

    @Test
    void keepsRecordsAcrossARestartOnTheSamePort(@TempDir Path logDir) throws Exception {
        int port;
        try (KafkaKraftBroker broker = KafkaKraftBroker.start(0, logDir, false)) {
            port = broker.port();
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("testkit.restart.v1", "k", "before restart"))
                        .get();
            }
        }

        try (KafkaKraftBroker restarted = KafkaKraftBroker.start(port, logDir, true)) {
            assertThat(restarted.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(readAll(restarted.bootstrapServers(), "testkit.restart.v1"))
                    .containsExactly("before restart");
        }
    }

    private static List<String> readAll(String bootstrapServers, String topic) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "testkit-restart",
                "auto.offset.reset",
                "earliest",
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            var values = new java.util.ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
