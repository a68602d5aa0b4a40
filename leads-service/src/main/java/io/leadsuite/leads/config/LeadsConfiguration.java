package io.leadsuite.leads.config;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.outbox.OutboxRecord;
import io.leadsuite.common.outbox.OutboxRelay;
import io.leadsuite.common.outbox.OutboxRelays;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.leads.audit.LeadAudit;
import io.leadsuite.leads.model.LeadBatchDocument;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadEvents;
import io.leadsuite.leads.model.LeadRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lead rules, the events of lead changes, and the two outbox relays of {@code
 * leads.lead-changes.v1}: one for the events inside each lead, one for the batch outboxes ({@link
 * LeadBatchDocument}) of the leads that batch writes store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadProperties.class)
public class LeadsConfiguration {

    /** The name of the batch outboxes' relay, which a batch write signals. */
    public static final String BATCH_RELAY = "leadBatchEventRelay";

    @Bean
    LeadRules leadRules(LeadProperties properties) {
        return new LeadRules(properties.defaultPhoneRegion());
    }

    @Bean
    LeadEvents leadEvents(JsonMapper json, @Value("${spring.application.name}") String application) {
        return new LeadEvents(json, application);
    }

    /**
     * Records each round in the audit trail before publishing it: the trail is exactly the event stream.
     * Holds back the leads whose creation is still pending in a batch outbox, so that a lead's changes
     * never overtake its {@code LeadCreated}: each lead's events stay in order across both relays.
     */
    @Bean
    @Primary
    OutboxRelay leadEventRelay(ReactiveMongoTemplate mongo, OutboxRelays relays, LeadProperties properties) {
        LeadAudit audit = new LeadAudit(mongo);
        return relays.forCollection(LeadDocument.COLLECTION)
                .publishingTo(properties.eventsBinding())
                .settings(properties.relay())
                .recordingWith(audit::record)
                .holdingBack(leads -> creationsPending(mongo, leads))
                .build();
    }

    /**
     * Records the batches' events in the same audit trail, each under its own lead, and wakes the lead
     * relay after each round, for the changes it held back.
     */
    @Bean(BATCH_RELAY)
    OutboxRelay leadBatchEventRelay(
            ReactiveMongoTemplate mongo, OutboxRelays relays, LeadProperties properties, OutboxRelay leadEventRelay) {
        LeadAudit audit = new LeadAudit(mongo);
        return relays.forCollection(LeadBatchDocument.COLLECTION)
                .publishingTo(properties.eventsBinding())
                .settings(properties.batchRelay())
                .recordingWith(audit::record)
                .signalling(leadEventRelay)
                .build();
    }

    /** Which of {@code leads} have their creation still pending in a batch outbox. */
    private static Mono<Set<ObjectId>> creationsPending(ReactiveMongoTemplate mongo, List<OutboxRecord> leads) {
        List<String> ids = leads.stream().map(lead -> lead.id().toHexString()).toList();
        return mongo.find(query(where("pendingEvents.key").in(ids)), LeadBatchDocument.class)
                .flatMapIterable(LeadBatchDocument::pendingEvents)
                .mapNotNull(PendingEvent::key)
                .filter(ids::contains)
                .map(ObjectId::new)
                .collect(Collectors.toSet());
    }
}
