package io.leadsuite.integrations.connection;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's connection to one provider in {@code integration_configs} (one per user and type: unique
 * index {@code {userId, type}}). The tokens are in {@code credentials.sealed}, encrypted with the
 * config's id and user as associated data; the rest is plain. A disconnected config is a tombstone
 * ({@code deletedAt}, no credentials) until its event is relayed.
 *
 * @param refreshLease held by the one instance that refreshes the access token, while it does
 * @param sync the config's syncs: the one queued or running, and how the last one ended
 * @param nextSyncAt when the scheduler syncs it next ({@code null}: not scheduled)
 */
@Document(IntegrationConfig.COLLECTION)
public record IntegrationConfig(
        @Id ObjectId id,
        String userId,
        @Nullable String workspaceId,
        String type,
        @Nullable Credentials credentials,
        Settings settings,
        boolean isActive,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable RefreshLease refreshLease,
        @Nullable Sync sync,
        @Nullable Instant nextSyncAt,
        @Nullable Instant deletedAt,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant outboxAt) {

    public static final String COLLECTION = "integration_configs";

    /**
     * @param accountId the provider account (HubSpot's {@code hub_id})
     * @param scopes what the user granted
     * @param accessTokenExpiresAt when the access token in {@code sealed} stops working
     * @param sealed the encrypted {@link Secrets}
     * @param keyId the keyset key that encrypted them
     * @param connectedAt when the user last connected
     */
    public record Credentials(
            String accountId,
            List<String> scopes,
            Instant accessTokenExpiresAt,
            String sealed,
            int keyId,
            Instant connectedAt) {

        @Override
        public String toString() {
            return "Credentials[account=" + accountId + ", keyId=" + keyId + "]";
        }
    }

    /**
     * @param autoSync whether the scheduler syncs it
     * @param syncInterval minutes between scheduled syncs, 5 to 1440
     * @param lastSyncAt when the last sync that succeeded ended
     * @param fieldMappings provider property → lead field ({@code firstName}, …, or
     *     {@code customFields.<name>}), overriding the provider's default mapping
     */
    public record Settings(
            boolean autoSync, int syncInterval, @Nullable Instant lastSyncAt, Map<String, String> fieldMappings) {

        public static Settings defaults() {
            return new Settings(true, 60, null, Map.of());
        }
    }

    public record RefreshLease(String holder, Instant until) {}

    /**
     * The config's syncs. At most one is queued or running at a time; a new one is requested only
     * while none is, or while the current one has not been heard of for a long time (its worker or
     * request was lost).
     *
     * @param status {@code idle}, {@code queued} (requested, no worker has reported it yet) or
     *     {@code running}
     * @param jobId the import job of the queued or running sync
     * @param full whether it reads every record or only the changed ones
     * @param requestedAt when it was requested
     * @param heardAt when its worker last reported it
     * @param lastJob how the last sync ended
     */
    public record Sync(
            String status,
            @Nullable String jobId,
            boolean full,
            @Nullable Instant requestedAt,
            @Nullable Instant heardAt,
            @Nullable LastJob lastJob) {

        public static final String IDLE = "idle";
        public static final String QUEUED = "queued";
        public static final String RUNNING = "running";
    }

    /**
     * @param status {@code completed} or {@code failed}
     * @param failureReason the job's, for a failed one
     */
    public record LastJob(
            String jobId,
            String status,
            long processed,
            long created,
            long updated,
            long failed,
            @Nullable String failureReason,
            Instant endedAt) {}
}
