package io.leadsuite.leads.config;

import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.leads.audit.LeadAudit;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadEvents;
import io.leadsuite.leads.model.LeadRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The lead rules, the events of lead changes, and the outbox relay of {@code leads.lead-changes.v1}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadProperties.class)
class LeadsConfiguration {

    @Bean
    LeadRules leadRules(LeadProperties properties) {
        return new LeadRules(properties.defaultPhoneRegion());
    }

    @Bean
    LeadEvents leadEvents(JsonMapper json, @Value("${spring.application.name}") String application) {
        return new LeadEvents(json, application);
    }

    /** Records each round in the audit trail before publishing it: the trail is exactly the event stream. */
    @Bean
    OutboxRelay leadEventRelay(ReactiveMongoTemplate mongo, OutboxRelays relays, LeadProperties properties) {
        LeadAudit audit = new LeadAudit(mongo);
        return relays.forCollection(LeadDocument.COLLECTION)
                .publishingTo(properties.eventsBinding())
                .settings(properties.relay())
                .recordingWith(audit::record)
                .build();
    }
}
