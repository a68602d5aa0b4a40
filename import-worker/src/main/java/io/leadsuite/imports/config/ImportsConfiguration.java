package io.leadsuite.imports.config;

import io.leadsuite.common.events.ImportChange;
import io.leadsuite.common.outbox.EventPublisher;
import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.common.outbox.StreamBridgeEventPublisher;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.retention.JobArchive;
import io.leadsuite.imports.settings.ImportProperties;
import java.time.Duration;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/**
 * The outbox of the job events (requests and progress, each to its topic), the indexes, and the
 * scheduled archiving of old jobs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
@EnableScheduling
class ImportsConfiguration {

    @Bean
    OutboxRelay importEventRelay(OutboxRelays relays, StreamBridge bridge, ImportProperties properties) {
        EventPublisher requests = new StreamBridgeEventPublisher(bridge, "importRequests-out-0", "import-worker");
        EventPublisher progress = new StreamBridgeEventPublisher(bridge, "importProgress-out-0", "import-worker");
        return relays.forCollection(ImportJob.COLLECTION)
                .publishingWith((key, event) -> ImportChange.REQUESTED.equals(event.type())
                        ? requests.publish(key, event)
                        : progress.publish(key, event))
                .settings(properties.relay())
                .build();
    }

    @Bean
    ApplicationRunner importIndexes(ReactiveMongoTemplate mongo) {
        return arguments -> ImportIndexes.ensure(mongo, Duration.ofMinutes(1));
    }

    @Bean
    SchedulingConfigurer importArchiving(JobArchive archive, ImportProperties properties) {
        return registrar -> registrar.addFixedDelayTask(
                () -> archive.archive(properties.retention()).block(Duration.ofMinutes(10)),
                properties.archiveInterval());
    }
}
