package io.leadsuite.imports.push;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LeadChange;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code leads.lead-changes.v1} in batches of up to 1000 (group {@code import-worker-push})
 * into {@link LeadPush}'s queue; {@link PushFlusher} sends them on.
 */
@ConditionalOnProperty(name = "leadsuite.imports.push-enabled", matchIfMissing = true)
@Configuration(proxyBeanMethods = false)
class LeadChangesConsumer {

    private static final TypeReference<EventEnvelope<LeadChange>> ENVELOPE = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** The binding {@code leadChanges-in-0}; runs on a Kafka consumer thread, where waiting is allowed. */
    @Bean
    Consumer<Message<List<byte[]>>> leadChanges(LeadPush push, JsonMapper json) {
        return message -> {
            List<EventEnvelope<LeadChange>> events = message.getPayload().stream()
                    .map(record -> json.readValue(record, ENVELOPE))
                    .toList();
            push.enqueue(events).block(TIMEOUT);
        };
    }
}
