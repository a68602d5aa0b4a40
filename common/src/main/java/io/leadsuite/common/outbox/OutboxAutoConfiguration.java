package io.leadsuite.common.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** {@link OutboxRelays}, for the deployables that store aggregates in MongoDB and publish with Spring Cloud Stream. */
@AutoConfiguration
@ConditionalOnClass({ReactiveMongoTemplate.class, StreamBridge.class})
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelays outboxRelays(
            ReactiveMongoTemplate mongo,
            StreamBridge bridge,
            Clock clock,
            MeterRegistry meters,
            @Value("${spring.application.name}") String application) {
        return new OutboxRelays(mongo, bridge, clock, meters, application);
    }
}
