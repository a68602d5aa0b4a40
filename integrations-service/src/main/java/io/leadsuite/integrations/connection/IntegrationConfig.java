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
}
