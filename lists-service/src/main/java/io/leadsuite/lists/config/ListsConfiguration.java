package io.leadsuite.lists.config;

import io.leadsuite.common.outbox.EventPublisher;
import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.StreamBridgeEventPublisher;
import io.leadsuite.lists.list.ListDocument;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import reactor.core.publisher.Mono;

/** The outbox of {@code lists.list-changes.v1}, and the scheduled count repair and clean-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ListsProperties.class)
@EnableScheduling
class ListsConfiguration {

    @Bean
    EventPublisher listEventPublisher(StreamBridge bridge) {
        return new StreamBridgeEventPublisher(bridge, "listChanges-out-0", "lists-service");
    }

    @Bean
    OutboxRelay listEventRelay(
            ReactiveMongoTemplate mongo,
            EventPublisher publisher,
            Clock clock,
            ListsProperties properties,
            MeterRegistry meters) {
        return new OutboxRelay(
                mongo,
                ListDocument.COLLECTION,
                publisher,
                lists -> Mono.empty(),
                clock,
                properties.relay(),
                true,
                meters);
    }
}
