package io.leadsuite.imports.job;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One import in the {@code import_jobs} collection (docs/architecture.md): the seed's ImportJob fields,
 * then what the worker needs to run, resume and report it. {@code counts} is the checkpoint: a worker
 * that takes the job over continues after {@code counts.lastRow}, with these totals. {@code lease}
 * says which worker runs it and until when, so a job runs in one place at a time and a dead worker's
 * job is taken over. Pending events are the outbox of {@code imports.requests.v1} and
 * {@code imports.progress.v1}.
 *
 * @param fileId the uploaded file in GridFS, until the job is archived
 * @param format how the file is read: detected at upload
 * @param header the file's header row as written, for the error file
 * @param fieldMapping CSV column → lead field, {@code customFields.<name>} or {@code ignore}: the
 *     suggestion with the caller's overrides applied
 * @param integrationConfigId for a CRM import, the connection it syncs (integrations-service's config)
 * @param sync for a CRM import, what it reads and its checkpoint
 * @param errors the first refused rows (a bounded sample; every one is in the error file)
 * @param progress the fraction of the file read, 0 to 1
 * @param failureReason for a failed job: {@code cancelled}, {@code invalid-file}, {@code store-full},
 *     {@code refused}, {@code reconnect-required} or {@code interrupted}
 * @param failureMessage for a person
 */
@Document(ImportJob.COLLECTION)
public record ImportJob(
        @Id ObjectId id,
        String type,
        JobStatus status,
        long totalRecords,
        long processedRecords,
        long successfulRecords,
        long failedRecords,
        Counts counts,
        List<RowError> errors,
        @Nullable String fileName,
        @Nullable Long fileSize,
        @Nullable ObjectId fileId,
        @Nullable FileFormat format,
        List<String> header,
        Map<String, String> fieldMapping,
        @Nullable ObjectId integrationConfigId,
        @Nullable SyncPosition sync,
        @Nullable ObjectId listId,
        String userId,
        @Nullable String workspaceId,
        boolean dryRun,
        DuplicatePolicy duplicatePolicy,
        double progress,
        @Nullable String failureReason,
        @Nullable String failureMessage,
        boolean cancelRequested,
        @Nullable Lease lease,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        @Nullable Instant archivedAt,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant outboxAt) {

    public static final String COLLECTION = "import_jobs";

    /** How many refused rows the job document keeps; the error file has them all. */
    public static final int ERROR_SAMPLE = 100;

    /**
     * @param encoding a Java charset name, e.g. {@code UTF-8}, {@code windows-1252}
     * @param delimiter the field separator
     */
    public record FileFormat(String encoding, char delimiter) {}

    /** The worker that runs the job, and until when its claim holds unless renewed. */
    public record Lease(String owner, Instant until) {}
}
