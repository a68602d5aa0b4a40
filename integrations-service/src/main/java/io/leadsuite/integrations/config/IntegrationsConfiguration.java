package io.leadsuite.integrations.config;

import io.leadsuite.common.events.SyncRequest;
import io.leadsuite.common.outbox.EventPublisher;
import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.common.outbox.StreamBridgeEventPublisher;
import io.leadsuite.integrations.connection.IntegrationConfig;
import io.leadsuite.integrations.crypto.CredentialCipher;
import io.leadsuite.integrations.crypto.Keysets;
import io.leadsuite.integrations.hubspot.HubSpotProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The credentials cipher (from the configured keyset), the outbox of the configs (to
 * {@code integrations.integration-changes.v1} and {@code integrations.sync-requests.v1}), and the scheduled work (expired connect flows,
 * re-encryption after a key rotation).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntegrationsProperties.class, HubSpotProperties.class})
@EnableScheduling
class IntegrationsConfiguration {

    @Bean
    CredentialCipher credentialCipher(IntegrationsProperties properties) {
        return new CredentialCipher(
                Keysets.load(properties.keyset(), properties.keysetFile(), properties.createKeysetIfMissing()));
    }

    @Bean
    OutboxRelay integrationEventRelay(OutboxRelays relays, StreamBridge bridge, IntegrationsProperties properties) {
        EventPublisher changes =
                new StreamBridgeEventPublisher(bridge, "integrationChanges-out-0", "integrations-service");
        EventPublisher syncs = new StreamBridgeEventPublisher(bridge, "syncRequests-out-0", "integrations-service");
        return relays.forCollection(IntegrationConfig.COLLECTION)
                .publishingWith((key, event) -> SyncRequest.REQUESTED.equals(event.type())
                        ? syncs.publish(key, event)
                        : changes.publish(key, event))
                .settings(properties.relay())
                .build();
    }
}
