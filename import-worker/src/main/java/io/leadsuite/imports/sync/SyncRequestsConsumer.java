package io.leadsuite.imports.sync;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.SyncRequest;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.imports.hubspot.ContactMapping;
import io.leadsuite.imports.hubspot.HubSpotProperties;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.ImportJobs;
import java.time.Duration;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code integrations.sync-requests.v1}: each request becomes a pending import job with the id
 * it names, whose own request then goes to the workers like an upload's. Idempotent: a request
 * delivered again finds its job stored and changes nothing. A request of a provider this worker cannot
 * import is logged and skipped; store errors are retried, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class SyncRequestsConsumer {

    private static final Logger log = LoggerFactory.getLogger(SyncRequestsConsumer.class);
    private static final TypeReference<EventEnvelope<SyncRequest>> ENVELOPE = new TypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** The binding {@code syncRequests-in-0}; runs on a Kafka consumer thread, where waiting is allowed. */
    @Bean
    Consumer<Message<byte[]>> syncRequests(ImportJobs jobs, HubSpotProperties hubspot, JsonMapper json) {
        return message -> {
            EventEnvelope<SyncRequest> event = json.readValue(message.getPayload(), ENVELOPE);
            SyncRequest request = event.data();
            if (!SyncRequest.REQUESTED.equals(event.type())
                    || !"hubspot".equals(request.provider())
                    || !ObjectId.isValid(request.jobId())
                    || !ObjectId.isValid(request.integrationId())) {
                log.warn("Skipping a sync request this worker cannot run: {} for {}", event.type(), request.provider());
                return;
            }
            ContactMapping mapping = ContactMapping.with(request.fieldMappings());
            ImportJob job = jobs.createSync(new ImportJobs.NewSync(
                            new ObjectId(request.jobId()),
                            new Tenant(event.tenant().userId(), event.tenant().workspaceId(), null),
                            request.provider(),
                            new ObjectId(request.integrationId()),
                            request.accountId(),
                            mapping.properties(),
                            mapping.targets(),
                            request.full(),
                            hubspot.searchLag()))
                    .block(TIMEOUT);
            log.info(
                    "Sync {} of integration {} ({}) is job {}",
                    request.trigger(),
                    request.integrationId(),
                    job == null || job.sync() == null || job.sync().full() ? "every record" : "changes only",
                    request.jobId());
        };
    }
}
