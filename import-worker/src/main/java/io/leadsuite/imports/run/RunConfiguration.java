package io.leadsuite.imports.run;

import io.leadsuite.imports.errors.ErrorRows;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.job.ImportJobs;
import io.leadsuite.imports.settings.ImportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The worker side: the request consumer, and the runner it hands each job to. */
@Configuration(proxyBeanMethods = false)
class RunConfiguration {

    @Bean
    JobRunner jobRunner(
            ImportJobs jobs,
            ImportFiles files,
            LeadsBatchClient leads,
            ErrorRows errorRows,
            JsonMapper json,
            ImportProperties properties,
            MeterRegistry meters) {
        return new JobRunner(
                jobs,
                new RowReaders(files),
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
