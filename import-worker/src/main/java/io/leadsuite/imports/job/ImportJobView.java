package io.leadsuite.imports.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job as the API shows it: the seed's ImportJob fields, plus how its rows ended ({@code created},
 * {@code updated}, {@code skipped}), the fraction of the file read, and how the file was read.
 *
 * @param totalRecords rows in the file once the job has ended; while it runs, the rows read so far
 * @param successfulRecords {@code created + updated}
 * @param errors the first refused rows ({@value ImportJob#ERROR_SAMPLE} at most); {@code errorsUrl} has all
 * @param progress the fraction of the file read, 0 to 1
 * @param failureReason for a failed job: {@code cancelled}, {@code invalid-file}, {@code store-full},
 *     {@code refused}, {@code reconnect-required} or {@code interrupted}
 * @param integrationConfigId for a CRM import, the connection it syncs
 * @param changedSince for an incremental CRM import, the records it reads are those modified since
 * @param errorsUrl the error file: every refused row as it was, with why
 */
public record ImportJobView(
        String id,
        String type,
        JobStatus status,
        long totalRecords,
        long processedRecords,
        long successfulRecords,
        long failedRecords,
        long created,
        long updated,
        long skipped,
        List<RowError> errors,
        @Nullable String fileName,
        @Nullable Long fileSize,
        @Nullable String encoding,
        @Nullable String delimiter,
        Map<String, String> fieldMapping,
        @Nullable String integrationConfigId,
        @Nullable Instant changedSince,
        @Nullable String listId,
        String userId,
        boolean dryRun,
        DuplicatePolicy duplicatePolicy,
        double progress,
        @Nullable String failureReason,
        @Nullable String failureMessage,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        String errorsUrl) {

    public static ImportJobView of(ImportJob job) {
        String id = job.id().toHexString();
        return new ImportJobView(
                id,
                job.type(),
                job.status(),
                job.totalRecords(),
                job.processedRecords(),
                job.successfulRecords(),
                job.failedRecords(),
                job.counts().created(),
                job.counts().updated(),
                job.counts().skipped(),
                job.errors(),
                job.fileName(),
                job.fileSize(),
                job.format() == null ? null : job.format().encoding(),
                job.format() == null ? null : String.valueOf(job.format().delimiter()),
                job.fieldMapping(),
                job.integrationConfigId() == null
                        ? null
                        : job.integrationConfigId().toHexString(),
                job.sync() == null ? null : job.sync().since(),
                job.listId() == null ? null : job.listId().toHexString(),
                job.userId(),
                job.dryRun(),
                job.duplicatePolicy(),
                job.progress(),
                job.failureReason(),
                job.failureMessage(),
                job.createdAt(),
                job.updatedAt(),
                job.completedAt(),
                "/api/imports/" + id + "/errors.csv");
    }
}
