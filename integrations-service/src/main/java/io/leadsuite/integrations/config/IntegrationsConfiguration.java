package io.leadsuite.integrations.config;

import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.integrations.connection.IntegrationConfig;
import io.leadsuite.integrations.crypto.CredentialCipher;
import io.leadsuite.integrations.crypto.Keysets;
import io.leadsuite.integrations.hubspot.HubSpotProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The credentials cipher (from the configured keyset), the outbox of
 * {@code integrations.integration-changes.v1}, and the scheduled work (expired connect flows,
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
    OutboxRelay integrationEventRelay(OutboxRelays relays, IntegrationsProperties properties) {
        return relays.forCollection(IntegrationConfig.COLLECTION)
                .publishingTo("integrationChanges-out-0")
                .settings(properties.relay())
                .build();
    }
}
