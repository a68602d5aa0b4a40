package io.leadsuite.lists.config;

import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.lists.list.ListDocument;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outbox of {@code lists.list-changes.v1}, and the scheduled count repair and clean-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ListsProperties.class)
@EnableScheduling
class ListsConfiguration {

    @Bean
    OutboxRelay listEventRelay(OutboxRelays relays, ListsProperties properties) {
        return relays.forCollection(ListDocument.COLLECTION)
                .publishingTo("listChanges-out-0")
                .settings(properties.relay())
                .build();
    }
}
