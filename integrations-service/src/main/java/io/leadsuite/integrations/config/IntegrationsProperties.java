package io.leadsuite.integrations.config;

import io.leadsuite.common.outbox.RelaySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl where browsers reach the suite (the gateway): OAuth callbacks are under it
 * @param frontendOrigins the origins a connect flow may return the browser to; the first is where it
 *     returns when the flow cannot tell ({@code returnTo} absent or its state unknown)
 * @param stateLifetime how long a connect flow's {@code state} is accepted
 * @param keyset the credentials keyset as Tink JSON (from an environment variable)
 * @param keysetFile a file holding it instead (a mounted Secret)
 * @param createKeysetIfMissing create {@code keysetFile} with a new key when it does not exist (local runs)
 * @param reEncryptInterval how often configs encrypted by an older key are re-encrypted with the primary
 * @param refreshLease how long one instance holds a config's token refresh before others may take it
 * @param schedulerInterval how often the scheduler looks for configs whose sync is due
 * @param syncStallTimeout a queued or running sync not heard of for this long is taken as lost, and
 *     another may be requested
 * @param relay how integration events and sync requests are relayed to Kafka
 */
@ConfigurationProperties("leadsuite.integrations")
public record IntegrationsProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("http://localhost:3000") List<URI> frontendOrigins,
        @DefaultValue("10m") Duration stateLifetime,
        @Nullable String keyset,
        @Nullable Path keysetFile,
        @DefaultValue("false") boolean createKeysetIfMissing,
        @DefaultValue("1h") Duration reEncryptInterval,
        @DefaultValue("30s") Duration refreshLease,
        @DefaultValue("15s") Duration schedulerInterval,
        @DefaultValue("30m") Duration syncStallTimeout,
        @DefaultValue RelaySettings relay) {

    /** Where the provider sends the browser back after consent. */
    public URI callbackUrl(String type) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/integrations/" + type + "/callback");
    }
}
