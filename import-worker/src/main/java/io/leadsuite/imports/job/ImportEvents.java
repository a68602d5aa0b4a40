package io.leadsuite.imports.job;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ImportChange;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The events of a job, queued in its outbox by the same update as the change they report. */
@Component
public class ImportEvents {

    static final String SOURCE = "import-worker";

    private final JsonMapper json;

    ImportEvents(JsonMapper json) {
        this.json = json;
    }

    PendingEvent requested(ObjectId jobId, String type, Tenant tenant, Instant at) {
        return event(
                ImportChange.REQUESTED,
                new EventEnvelope.Tenant(tenant.userId(), tenant.workspaceId()),
                at,
                new ImportChange.Requested(jobId.toHexString(), type));
    }

    /** {@code ImportProgressed}, or {@code ImportCompleted}/{@code ImportFailed} for a job with that status. */
    PendingEvent progress(
            ImportJob job,
            JobStatus status,
            Counts counts,
            double progress,
            @Nullable String failureReason,
            Instant at) {
        String type = switch (status) {
            case completed -> ImportChange.COMPLETED;
            case failed -> ImportChange.FAILED;
            case pending, processing -> ImportChange.PROGRESSED;
        };
        long total = status.ended() ? counts.processed() : Math.max(job.totalRecords(), counts.processed());
        ImportChange.Progress data = new ImportChange.Progress(
                job.id().toHexString(),
                job.type(),
                status.name(),
                total,
                counts.processed(),
                counts.successful(),
                counts.failed(),
                counts.created(),
                counts.updated(),
                counts.skipped(),
                progress,
                job.dryRun(),
                job.listId() == null ? null : job.listId().toHexString(),
                failureReason,
                job.integrationConfigId() == null
                        ? null
                        : job.integrationConfigId().toHexString(),
                at);
        return event(type, new EventEnvelope.Tenant(job.userId(), job.workspaceId()), at, data);
    }

    private PendingEvent event(String type, EventEnvelope.Tenant tenant, Instant at, Object data) {
        EventEnvelope<Object> envelope = EventEnvelope.of(type, SOURCE, at, tenant, data);
        return PendingEvent.of(envelope, json);
    }
}
