package io.leadsuite.integrations.connection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A config as the API shows it: the connection's state and settings, never a credential (only the
 * account id and the scopes granted, which are not secret).
 */
public record IntegrationView(
        String id,
        String type,
        boolean isActive,
        @Nullable String lastError,
        @Nullable String accountId,
        List<String> scopes,
        @Nullable Instant connectedAt,
        SettingsView settings,
        Instant createdAt,
        Instant updatedAt) {

    public record SettingsView(
            boolean autoSync, int syncInterval, @Nullable Instant lastSyncAt, Map<String, String> fieldMappings) {}

    public static IntegrationView of(IntegrationConfig config) {
        IntegrationConfig.Credentials credentials = config.credentials();
        IntegrationConfig.Settings settings = config.settings();
        return new IntegrationView(
                config.id().toHexString(),
                config.type(),
                config.isActive(),
                config.lastError(),
                credentials == null ? null : credentials.accountId(),
                credentials == null ? List.of() : credentials.scopes(),
                credentials == null ? null : credentials.connectedAt(),
                new SettingsView(
                        settings.autoSync(),
                        settings.syncInterval(),
                        settings.lastSyncAt(),
                        settings.fieldMappings() == null ? Map.of() : settings.fieldMappings()),
                config.createdAt(),
                config.updatedAt());
    }
}
