package io.leadsuite.imports.push;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.IntegrationChange;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code integrations.integration-changes.v1} into {@code crm_connections}: connected makes a
 * user's connection active (with its config id), reconnect-required and disconnected make it
 * inactive. Idempotent and order-safe: an event older than the one applied changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class IntegrationChangesConsumer {

    private static final TypeReference<EventEnvelope<IntegrationChange>> ENVELOPE = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The binding {@code integrationChanges-in-0}; runs on a Kafka consumer thread, where waiting is allowed. */
    @Bean
    Consumer<Message<byte[]>> integrationChanges(ReactiveMongoTemplate mongo, JsonMapper json) {
        return message -> {
            EventEnvelope<IntegrationChange> event = json.readValue(message.getPayload(), ENVELOPE);
            IntegrationChange change = event.data();
            boolean active = IntegrationChange.CONNECTED.equals(event.type());
            String id = CrmConnection.key(event.tenant().userId(), change.provider());
            Criteria older = where("_id").is(id).and("changedAt").lte(event.occurredAt());
            Update update = new Update()
                    .set("userId", event.tenant().userId())
                    .set("provider", change.provider())
                    .set("integrationId", change.integrationId())
                    .set("accountId", change.accountId())
                    .set("active", active)
                    .set("changedAt", event.occurredAt());
            mongo.upsert(query(older), update, CrmConnection.class)
                    .onErrorResume(DuplicateKeyException.class, newer -> Mono.empty())
                    .block(TIMEOUT);
        };
    }
}
