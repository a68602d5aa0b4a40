package io.leadsuite.lines.config;

import io.leadsuite.common.outbox.EventPublisher;
import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.common.outbox.StreamBridgeEventPublisher;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.provisioning.SimulatedCarrier;
import io.leadsuite.lines.settings.LinesProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** The outbox of {@code lines.line-changes.v1}, the carrier, and the scheduled recovery jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LinesProperties.class)
@EnableScheduling
class LinesConfiguration {

    @Bean
    OutboxRelay lineEventRelay(OutboxRelays relays, LinesProperties properties) {
        return relays.forCollection(LineDocument.COLLECTION)
                .publishingTo("lineChanges-out-0")
                .settings(properties.relay())
                .keepingTombstones()
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "leadsuite.lines.provisioning.simulator.enabled", havingValue = "true")
    SimulatedCarrier simulatedCarrier(
            ReactiveMongoTemplate mongo,
            StreamBridge bridge,
            JsonMapper json,
            Clock clock,
            LinesProperties properties) {
        EventPublisher results =
                new StreamBridgeEventPublisher(bridge, "provisioningResults-out-0", "simulated-carrier");
        return new SimulatedCarrier(
                mongo, results, json, clock, properties.provisioning().simulator());
    }
}
