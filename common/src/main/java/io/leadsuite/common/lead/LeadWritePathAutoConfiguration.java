package io.leadsuite.common.lead;

import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lead write path, for the deployables that write leads ({@code leadsuite.leads.enabled=true}):
 * they provide a {@link ListDirectory} and an output binding for {@code leads.lead-changes.v1}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
        })
@ConditionalOnClass({ReactiveMongoTemplate.class, StreamBridge.class})
@ConditionalOnBooleanProperty("leadsuite.leads.enabled")
@EnableConfigurationProperties(LeadProperties.class)
public class LeadWritePathAutoConfiguration {

    @Bean
    LeadRules leadRules(LeadProperties properties) {
        return new LeadRules(properties.defaultPhoneRegion());
    }

    @Bean
    LeadEvents leadEvents(JsonMapper json, @Value("${spring.application.name}") String application) {
        return new LeadEvents(json, application);
    }

    @Bean
    OutboxRelay leadEventRelay(ReactiveMongoTemplate mongo, OutboxRelays relays, LeadProperties properties) {
        LeadAudit audit = new LeadAudit(mongo);
        return relays.forCollection(LeadDocument.COLLECTION)
                .publishingTo(properties.eventsBinding())
                .settings(properties.relay())
                .recordingWith(audit::record)
                .build();
    }

    @Bean
    LeadWriter leadWriter(
            ReactiveMongoTemplate mongo,
            LeadRules rules,
            ListDirectory lists,
            LeadEvents events,
            OutboxRelay relay,
            Clock clock) {
        return new LeadWriter(mongo, rules, lists, events, relay, clock);
    }
}
