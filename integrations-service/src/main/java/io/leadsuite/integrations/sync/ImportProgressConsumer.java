package io.leadsuite.integrations.sync;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ImportChange;
import java.time.Duration;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code imports.progress.v1}: the progress and end of each sync's import job keep the
 * config's sync status, {@code lastSyncAt} and {@code lastError} true. Events of uploads (no
 * integration) are skipped. Idempotent: an event only changes the config while its job is the config's
 * current sync, so a redelivered or late one changes nothing. Store errors are retried, then
 * dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class ImportProgressConsumer {

    private static final TypeReference<EventEnvelope<ImportChange.Progress>> ENVELOPE = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The binding {@code importProgress-in-0}; runs on a Kafka consumer thread, where waiting is allowed. */
    @Bean
    Consumer<Message<byte[]>> importProgress(SyncRuns runs, JsonMapper json) {
        return message -> {
            EventEnvelope<ImportChange.Progress> event = json.readValue(message.getPayload(), ENVELOPE);
            ImportChange.Progress progress = event.data();
            if (progress == null || progress.integrationId() == null || !ObjectId.isValid(progress.integrationId())) {
                return;
            }
            ObjectId configId = new ObjectId(progress.integrationId());
            Mono<Void> change = switch (event.type()) {
                case ImportChange.PROGRESSED -> runs.heard(configId, progress);
                case ImportChange.COMPLETED, ImportChange.FAILED -> runs.ended(configId, progress);
                default -> Mono.empty();
            };
            change.block(TIMEOUT);
        };
    }
}
