package io.leadsuite.lines.provisioning;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ProvisioningResult;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code lines.provisioning-results.v1} (binding {@code provisioningResults-in-0}, group
 * {@code lines-service}) and moves each line to {@code active} or {@code failed}. Idempotent: a verdict
 * only changes a line still provisioning. Failures are retried, then dead-lettered to {@code
 * lines.provisioning-results.v1.lines-service.dlt}.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningResultsConsumer {

    private static final TypeReference<EventEnvelope<ProvisioningResult>> ENVELOPE = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** Runs on a Kafka consumer thread, where waiting for the database is allowed. */
    @Bean
    Consumer<Message<byte[]>> provisioningResults(ProvisioningResultHandler verdicts, JsonMapper json) {
        return message -> {
            EventEnvelope<ProvisioningResult> event = json.readValue(message.getPayload(), ENVELOPE);
            if (event.data() == null || event.data().lineId() == null) {
                throw new IllegalArgumentException("Not a provisioning result: no data.lineId");
            }
            verdicts.handle(event.data()).block(TIMEOUT);
        };
    }
}
