package io.leadsuite.imports.run;

import io.leadsuite.imports.crm.AccessTokens;
import io.leadsuite.imports.crm.CallBudget;
import io.leadsuite.imports.errors.ErrorRows;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.hubspot.HubSpotClient;
import io.leadsuite.imports.hubspot.HubSpotProperties;
import io.leadsuite.imports.job.ImportJobs;
import io.leadsuite.imports.settings.ImportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker side: the request consumer, the runner it hands each job to, and what a CRM import reads
 * with (HubSpot's client, the connections' access tokens, the shared call budget).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubSpotProperties.class)
class RunConfiguration {

    @Bean
    CallBudget callBudget(ReactiveMongoTemplate mongo) {
        return new CallBudget(mongo, Clock.systemUTC());
    }

    @Bean
    AccessTokens accessTokens(
            WebClient.Builder builder,
            ImportProperties properties,
            Clock clock,
            @Value("${leadsuite.security.internal-token:}") String internalToken) {
        return new AccessTokens(
                builder.clone(),
                properties.integrationsServiceUrl(),
                internalToken,
                clock,
                properties.accessTokenMargin());
    }

    @Bean
    HubSpotClient hubSpotClient(
            WebClient.Builder builder,
            HubSpotProperties properties,
            AccessTokens tokens,
            CallBudget budget,
            MeterRegistry meters) {
        return new HubSpotClient(builder, properties, tokens, budget, meters);
    }

    @Bean
    JobRunner jobRunner(
            ImportJobs jobs,
            ImportFiles files,
            HubSpotClient hubspot,
            LeadsBatchClient leads,
            ErrorRows errorRows,
            JsonMapper json,
            ImportProperties properties,
            MeterRegistry meters) {
        return new JobRunner(
                jobs,
                new RowReaders(files, hubspot),
                new BatchWriter(leads, json),
                errorRows,
                json,
                properties,
                new ImportMeters(meters),
                "worker-" + UUID.randomUUID());
    }

    /** Off ({@code leadsuite.imports.worker-enabled=false}) for instances that only serve the API. */
    @Bean
    @ConditionalOnProperty(name = "leadsuite.imports.worker-enabled", matchIfMissing = true)
    ImportRequestsReceiver importRequestsReceiver(
            JobRunner runner,
            ObservationRegistry observations,
            ImportProperties properties,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${leadsuite.imports.consumer-group:import-worker}") String group,
            @Value("${spring.cloud.stream.kafka.binder.min-partition-count:6}") int partitions) {
        return new ImportRequestsReceiver(
                new ImportRequestsReceiver.Settings(brokers, group, partitions, properties.consumerSessionTimeout()),
                runner,
                observations);
    }
}
