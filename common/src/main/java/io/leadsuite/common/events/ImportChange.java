package io.leadsuite.common.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The payloads of the import topics. {@link Requested} goes to {@value Topics#IMPORT_REQUESTS}: the job
 * is stored and waits for a worker. {@link Progress} goes to {@value Topics#IMPORT_PROGRESS} with type
 * {@code ImportProgressed} at least every second while the job runs, and once with
 * {@code ImportCompleted} or {@code ImportFailed} when it ends. Counts only grow; a consumer keeps the
 * latest by {@code processedRecords} (events of one job share its key, so they arrive in order).
 */
public final class ImportChange {

    public static final String REQUESTED = "ImportRequested";
    public static final String PROGRESSED = "ImportProgressed";
    public static final String COMPLETED = "ImportCompleted";
    public static final String FAILED = "ImportFailed";

    private ImportChange() {}

    /**
     * @param jobId the job to run
     * @param type {@code csv}, {@code hubspot}, {@code salesforce} or {@code google_sheets}
     */
    public record Requested(String jobId, String type) {}

    /**
     * @param jobId the job
     * @param type its kind, as in {@link Requested}
     * @param status {@code processing}, {@code completed} or {@code failed}
     * @param totalRecords rows in the file, known when the job ends (until then, the rows read so far)
     * @param processedRecords rows done so far
     * @param successfulRecords rows stored: created plus updated
     * @param failedRecords rows refused, each in the job's error file
     * @param created leads created
     * @param updated existing leads merged with a row ({@code duplicatePolicy=update})
     * @param skipped rows that duplicate an existing lead or an earlier row ({@code duplicatePolicy=skip})
     * @param progress the fraction of the file read, 0 to 1
     * @param dryRun {@code true} when nothing is written
     * @param listId the list the rows join, if any
     * @param failureReason why a failed job failed, e.g. {@code cancelled}
     * @param integrationId for a CRM import, the integration config it syncs
     * @param at when this was observed
     */
    public record Progress(
            String jobId,
            String type,
            String status,
            long totalRecords,
            long processedRecords,
            long successfulRecords,
            long failedRecords,
            long created,
            long updated,
            long skipped,
            double progress,
            boolean dryRun,
            @Nullable String listId,
            @Nullable String failureReason,
            @Nullable String integrationId,
            Instant at) {}
}
