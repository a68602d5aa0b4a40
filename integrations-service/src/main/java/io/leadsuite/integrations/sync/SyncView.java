package io.leadsuite.integrations.sync;

import io.leadsuite.integrations.connection.IntegrationConfig;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A config's syncs as {@code GET /api/sync} shows them.
 *
 * @param integration the provider
 * @param status {@code idle}, {@code queued} or {@code running}
 * @param lastSyncAt when the last sync that completed ended (a failed one never moves it)
 * @param nextSyncAt when the scheduler syncs it next; {@code null} when automatic syncs are off or the
 *     connection must be reconnected
 * @param lastError why the connection or its last sync failed
 * @param jobId the import job of the queued or running sync: {@code /api/imports/{jobId}}
 * @param lastJob how the last sync ended, with its counts
 */
public record SyncView(
        String integration,
        String status,
        boolean isActive,
        boolean autoSync,
        int syncInterval,
        @Nullable Instant lastSyncAt,
        @Nullable Instant nextSyncAt,
        @Nullable String lastError,
        @Nullable String jobId,
        @Nullable LastJobView lastJob) {

    /**
     * @param status {@code completed} or {@code failed}
     * @param failureReason the job's, for a failed one (e.g. {@code interrupted}, {@code daily-limit})
     */
    public record LastJobView(
            String jobId,
            String status,
            long processed,
            long created,
            long updated,
            long failed,
            @Nullable String failureReason,
            Instant endedAt) {

        static @Nullable LastJobView of(IntegrationConfig.@Nullable LastJob job) {
            return job == null
                    ? null
                    : new LastJobView(
                            job.jobId(),
                            job.status(),
                            job.processed(),
                            job.created(),
                            job.updated(),
                            job.failed(),
                            job.failureReason(),
                            job.endedAt());
        }
    }

    static SyncView of(IntegrationConfig config) {
        IntegrationConfig.Sync sync = config.sync();
        boolean scheduled = config.isActive() && config.settings().autoSync();
        return new SyncView(
                config.type(),
                sync == null ? IntegrationConfig.Sync.IDLE : sync.status(),
                config.isActive(),
                config.settings().autoSync(),
                config.settings().syncInterval(),
                config.settings().lastSyncAt(),
                scheduled ? config.nextSyncAt() : null,
                config.lastError(),
                sync == null ? null : sync.jobId(),
                sync == null ? null : LastJobView.of(sync.lastJob()));
    }
}
