package io.leadsuite.common.events;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The payload of {@value Topics#SYNC_REQUESTS} ({@code SyncRequested}): import a user's CRM contacts
 * into their leads now. integrations-service publishes it when a sync is due or asked for; the import
 * worker turns it into an import job with the id it names (a request delivered twice makes one job).
 *
 * @param jobId the import job to create, chosen by the requester
 * @param integrationId the integration config to sync
 * @param provider {@code hubspot}, {@code salesforce} or {@code google_sheets}
 * @param accountId the connected provider account
 * @param fieldMappings provider property → lead field or {@code customFields.<name>}, overriding the
 *     provider's default mapping
 * @param full {@code true}: every record, whatever was synced before; otherwise only what changed
 *     since the last completed sync (every record the first time)
 * @param trigger {@code scheduled} or {@code manual}
 */
public record SyncRequest(
        String jobId,
        String integrationId,
        String provider,
        @Nullable String accountId,
        Map<String, String> fieldMappings,
        boolean full,
        String trigger) {

    public static final String REQUESTED = "SyncRequested";
}
