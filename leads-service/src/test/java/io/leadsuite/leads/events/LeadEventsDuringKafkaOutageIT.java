package io.leadsuite.leads.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.leads.LeadsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.KafkaKraftBroker;
import io.leadsuite.testkit.LocalJwtIssuer;
import io.leadsuite.testkit.WithInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A broker of its own, stopped while leads are written and started again on the same port and data:
 * every acknowledged write's event still arrives.
 */
@WithInfrastructure
class LeadEventsDuringKafkaOutageIT extends LeadsServiceIT {

    private static final Path LOG_DIR = tempDir();
    private static KafkaKraftBroker broker = KafkaKraftBroker.start(0, LOG_DIR, false);

    /**
     * Its own broker, and its own database: the relays of the other test contexts in this JVM would
     * otherwise publish these leads' events to the shared broker.
     */
    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.database", () -> "leads_outage");
        registry.add("spring.cloud.stream.kafka.binder.brokers", broker::bootstrapServers);
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void losesNoEventWhenKafkaStopsWhileLeadsAreWritten(LocalJwtIssuer issuer) {
        String token = issuer.mint(newUser());
        Set<String> written = new HashSet<>();
        String before = (String) create(token, lead("Before", "before." + UUID.randomUUID() + "@example.com"))
                .get("id");
        written.add(before);
        try (EventRecorder recorder = EventRecorder.of(broker.bootstrapServers(), Topics.LEAD_CHANGES)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !recorder.withKey(before).isEmpty());
        }
        int port = broker.port();

        broker.close();
        for (int i = 0; i < 20; i++) {
            written.add((String)
                    create(token, lead("During" + i, "during" + i + "." + UUID.randomUUID() + "@example.com"))
                            .get("id"));
        }
        broker = KafkaKraftBroker.start(port, LOG_DIR, true);
        written.add((String) create(token, lead("After", "after." + UUID.randomUUID() + "@example.com"))
                .get("id"));

        try (EventRecorder recorder = EventRecorder.of(broker.bootstrapServers(), Topics.LEAD_CHANGES)) {
            await().atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> assertThat(recorder.events())
                            .extracting(EventRecorder.Event::key)
                            .containsAll(written));
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("leads-outage-kafka");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
