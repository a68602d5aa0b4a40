package io.leadsuite.lists.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.lists.LeadEventSimulator;
import io.leadsuite.lists.ListsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

class LeadCountsIT extends ListsServiceIT {

    private static final Logger log = LoggerFactory.getLogger(LeadCountsIT.class);
    private static final String BINDING = "leadChanges-in-0";

    private static Admin admin;
    private static EventSender sender;

    @Autowired
    BindingsLifecycleController bindings;

    @Value("${spring.cloud.stream.bindings.leadChanges-in-0.group}")
    String group;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()));
        sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        sender.close();
        admin.close();
    }

    @Test
    void countsStayExactThroughTenThousandMixedChangesFromConcurrentClients() throws Exception {
        String userId = newUser();
        String token = token(userId);
        List<String> lists = lists(token, 5);
        LeadEventSimulator leads = new LeadEventSimulator(userId, lists);

        leads.burst(sender, 10_000, 2_000, 8);
        Instant burstEnded = Instant.now();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(counts(token, lists)).isEqualTo(leads.expectedCounts()));
        log.info(
                "Counts exact {} ms after the burst of 10000 changes ended",
                Duration.between(burstEnded, Instant.now()).toMillis());
        assertThat(leads.expectedCounts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isPositive();
    }

    @Test
    void replayingTheSameEventsChangesNoCount() throws Exception {
        String userId = newUser();
        String token = token(userId);
        List<String> lists = lists(token, 3);
        LeadEventSimulator leads = new LeadEventSimulator(userId, lists);
        leads.burst(sender, 2_000, 300, 4);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(counts(token, lists)).isEqualTo(leads.expectedCounts()));
        Map<String, Long> exact = leads.expectedCounts();

        // The same events published again (as a relay does after a crash): new offsets, same events.
        for (LeadEventSimulator.Sent record : leads.sent()) {
            sender.sendAsync(Topics.LEAD_CHANGES, record.key(), record.value());
        }
        sender.flush();
        awaitConsumerCaughtUp();
        assertThat(counts(token, lists)).isEqualTo(exact);

        // The same records delivered again: the group's offsets rewound to the start of the topic.
        bindings.changeState(BINDING, BindingsLifecycleController.State.STOPPED);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(this::rewindGroup);
        } finally {
            bindings.changeState(BINDING, BindingsLifecycleController.State.STARTED);
        }
        awaitConsumerCaughtUp();
        assertThat(counts(token, lists)).isEqualTo(exact);
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndCountingGoesOn() throws Exception {
        String userId = newUser();
        String token = token(userId);
        List<String> lists = lists(token, 2);
        LeadEventSimulator leads = new LeadEventSimulator(userId, lists);

        try (EventRecorder deadLetters = EventRecorder.of(
                SharedInfrastructure.kafkaBootstrapServers(), Topics.LEAD_CHANGES + ".lists-service.dlt")) {
            sender.send(Topics.LEAD_CHANGES, "poison-" + userId, "this is not a lead event " + userId);
            sender.send(Topics.LEAD_CHANGES, "poison2-" + userId, "{\"type\":\"LeadCreated\",\"data\":{}}");
            leads.burst(sender, 200, 50, 2);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(deadLetters.events())
                        .extracting(EventRecorder.Event::value)
                        .contains("this is not a lead event " + userId, "{\"type\":\"LeadCreated\",\"data\":{}}");
                assertThat(counts(token, lists)).isEqualTo(leads.expectedCounts());
            });
        }
    }

    private List<String> lists(String token, int how) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < how; i++) {
            ids.add((String) createList(token, "List " + i).get("id"));
        }
        return ids;
    }

    private Map<String, Long> counts(String token, List<String> lists) {
        return api().counts(token, lists);
    }

    /** Until the group has committed everything on the lead topic. */
    private void awaitConsumerCaughtUp() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Map<TopicPartition, Long> ends = endOffsets();
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
                    return ends.entrySet().stream()
                            .allMatch(end -> committed.get(end.getKey()) != null
                                    && committed.get(end.getKey()).offset() >= end.getValue());
                });
    }

    private void rewindGroup() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> start = endOffsets().keySet().stream()
                .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0)));
        admin.alterConsumerGroupOffsets(group, start).all().get(10, TimeUnit.SECONDS);
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Set<TopicPartition> partitions = admin
                .describeTopics(Set.of(Topics.LEAD_CHANGES))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(Topics.LEAD_CHANGES)
                .partitions()
                .stream()
                .map(info -> new TopicPartition(Topics.LEAD_CHANGES, info.partition()))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
