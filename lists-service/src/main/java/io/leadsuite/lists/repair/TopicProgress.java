package io.leadsuite.lists.repair;

import io.leadsuite.common.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far {@code leads.lead-changes.v1} has been written, and how far the counting consumer group has
 * committed: the counts are complete exactly when the two agree. Blocking Kafka admin calls; callers run
 * them off the event loop.
 */
@Component
class TopicProgress implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String group;

    TopicProgress(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.bindings.leadChanges-in-0.group}") String group) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis()));
        this.group = group;
    }

    /** The end offset of every partition of the topic (partition → offset). */
    Map<Integer, Long> endOffsets() throws Exception {
        Set<TopicPartition> partitions = admin
                .describeTopics(Set.of(Topics.LEAD_CHANGES))
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(Topics.LEAD_CHANGES)
                .partitions()
                .stream()
                .map(partition -> new TopicPartition(Topics.LEAD_CHANGES, partition.partition()))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<Integer, Long> ends = new TreeMap<>();
        admin.listOffsets(latest)
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        return ends;
    }

    /** The end offsets, if the counting group has committed all of them; otherwise empty. */
    Optional<Map<Integer, Long>> caughtUp() throws Exception {
        Map<Integer, Long> ends = endOffsets();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(new TopicPartition(Topics.LEAD_CHANGES, end.getKey()));
            long at = position == null ? 0 : position.offset();
            if (at < end.getValue()) {
                return Optional.empty();
            }
        }
        return Optional.of(ends);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}
