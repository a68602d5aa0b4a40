package io.leadsuite.imports.settings;

import io.leadsuite.common.outbox.RelaySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize the largest file an upload may carry (413 above it)
 * @param batchSize rows per call to leads-service's batch endpoint (at most 1000)
 * @param lease how long a worker's claim on a job holds without a checkpoint; another worker takes a
 *     job over this long after its worker stopped
 * @param heartbeat how often a running job reports progress even when no batch ended
 * @param consumerSessionTimeout how long the request consumer's group waits for a silent worker before
 *     its partitions (and their unfinished jobs) go to the other workers: a killed worker's jobs move
 *     this long after it died, then wait out their lease
 * @param retention how long a job is kept before it is archived and its files deleted (the seed's 90 days)
 * @param archiveInterval how often archiving runs
 * @param leadsServiceUrl leads-service, for the batch writes
 * @param listsServiceUrl lists-service, for {@code listId} checks and {@code newListName}
 * @param integrationsServiceUrl integrations-service, for a CRM connection's access token
 * @param accessTokenMargin ask integrations-service for a fresh access token this long before the one
 *     held expires (it refreshes the connection's token ahead of that)
 * @param relay how the job events are relayed to Kafka
 */
@ConfigurationProperties("leadsuite.imports")
public record ImportProperties(
        @DefaultValue("512MB") DataSize maxFileSize,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("1s") Duration heartbeat,
        @DefaultValue("10s") Duration consumerSessionTimeout,
        @DefaultValue("90d") Duration retention,
        @DefaultValue("1h") Duration archiveInterval,
        @DefaultValue("http://localhost:8081") String leadsServiceUrl,
        @DefaultValue("http://localhost:8082") String listsServiceUrl,
        @DefaultValue("http://localhost:8084") String integrationsServiceUrl,
        @DefaultValue("1m") Duration accessTokenMargin,
        @DefaultValue RelaySettings relay) {

    public ImportProperties {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("leadsuite.imports.batch-size must be 1 to 1000");
        }
    }
}
