package io.leadsuite.imports.run;

import io.leadsuite.imports.job.Counts;
import io.leadsuite.imports.job.JobStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What the workers did, for dashboards and alerts: {@code leadsuite.imports.rows} (rows handled, by
 * outcome: created, updated, skipped, failed; its rate is the import's rows/s) and
 * {@code leadsuite.imports.jobs} (jobs ended, by status and reason). Rows count once their batch's
 * checkpoint is stored, so a resumed job does not count its rows twice.
 */
final class ImportMeters {

    private final MeterRegistry registry;

    ImportMeters(MeterRegistry registry) {
        this.registry = registry;
        // Every row series exists from the start, at 0, so that rates see it before a first import.
        checkpointed(Counts.NONE, false);
        checkpointed(Counts.NONE, true);
    }

    void checkpointed(Counts batch, boolean dryRun) {
        String mode = dryRun ? "dry-run" : "import";
        rows("created", mode, batch.created());
        rows("updated", mode, batch.updated());
        rows("skipped", mode, batch.skipped());
        rows("failed", mode, batch.failed());
    }

    void ended(JobStatus status, @Nullable String reason) {
        registry.counter("leadsuite.imports.jobs", "status", status.name(), "reason", reason == null ? "none" : reason)
                .increment();
    }

    private void rows(String outcome, String mode, long count) {
        registry.counter("leadsuite.imports.rows", "outcome", outcome, "mode", mode)
                .increment(count);
    }
}
