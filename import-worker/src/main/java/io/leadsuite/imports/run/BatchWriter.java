package io.leadsuite.imports.run;

import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.imports.errors.ErrorRow;
import io.leadsuite.imports.job.Counts;
import io.leadsuite.imports.job.DuplicatePolicy;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.RowError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Sends one batch of mapped rows to leads-service and reads its answer back into the job's terms: each
 * row is created, updated, skipped (a duplicate, under {@code duplicatePolicy=skip}) or failed, and a
 * failed row becomes an entry of the error file.
 */
final class BatchWriter {

    /** The lead source of every CSV row (one of leads-service's sources). */
    static final String SOURCE = "csv";

    private final LeadsBatchClient leads;

    BatchWriter(LeadsBatchClient leads) {
        this.leads = leads;
    }

    /**
     * @param batchCounts what the batch did, with {@code lastRow} its last row
     * @param errors the failed rows, for the job's sample
     * @param errorRows the failed rows as written, for the error file
     */
    record Outcome(Counts batchCounts, List<RowError> errors, List<ErrorRow> errorRows) {}

    /** The ref of a row: the same on every attempt, unique per user. */
    static String ref(ImportJob job, long row) {
        return job.id().toHexString() + ":" + row;
    }

    Mono<Outcome> write(ImportJob job, List<ParsedRow> rows) {
        List<ParsedRow> sendable =
                rows.stream().filter(row -> row.errors().isEmpty()).toList();
        Tally tally = new Tally(job);
        rows.stream().filter(row -> !row.errors().isEmpty()).forEach(row -> tally.failed(row, row.errors()));
        if (sendable.isEmpty()) {
            return Mono.just(tally.outcome(rows));
        }
        List<Map<String, Object>> inputs = sendable.stream()
                .map(row -> {
                    Map<String, Object> lead = new LinkedHashMap<>(row.lead());
                    lead.put("ref", ref(job, row.row()));
                    if (job.listId() != null) {
                        lead.put("listId", job.listId().toHexString());
                    }
                    return lead;
                })
                .toList();
        LeadsBatchClient.BatchRequest request = new LeadsBatchClient.BatchRequest(
                job.userId(),
                job.workspaceId(),
                "import:" + job.id().toHexString(),
                SOURCE,
                job.duplicatePolicy(),
                job.dryRun(),
                inputs);
        return leads.store(request).map(response -> {
            for (LeadsBatchClient.BatchItem item : response.items()) {
                ParsedRow row = sendable.get(item.index());
                switch (item.status()) {
                    case "stored" -> tally.created++;
                    case "updated" -> tally.updated++;
                    case "conflict" -> {
                        if (job.duplicatePolicy() == DuplicatePolicy.skip) {
                            tally.skipped++;
                        } else {
                            tally.failed(
                                    row,
                                    List.of(new RowError(
                                            row.row(),
                                            item.conflictField(),
                                            "merging it into the matching lead would give it the "
                                                    + item.conflictField() + " of another lead ("
                                                    + item.existingLeadId() + ")")));
                        }
                    }
                    default -> tally.failed(row, violations(row.row(), item.violationsOrNone()));
                }
            }
            return tally.outcome(rows);
        });
    }

    private static List<RowError> violations(long row, List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            return List.of(new RowError(row, "row", "was refused"));
        }
        return violations.stream()
                .map(violation -> new RowError(row, violation.field(), violation.message()))
                .toList();
    }

    private static final class Tally {

        private final ImportJob job;
        private final List<RowError> errors = new ArrayList<>();
        private final List<ErrorRow> errorRows = new ArrayList<>();
        long created;
        long updated;
        long skipped;
        long failed;

        Tally(ImportJob job) {
            this.job = job;
        }

        void failed(ParsedRow row, List<RowError> rowErrors) {
            failed++;
            errors.addAll(rowErrors);
            errorRows.add(ErrorRow.of(
                    job.id(),
                    row.row(),
                    row.cells(),
                    rowErrors.stream().map(RowError::field).collect(Collectors.joining("; ")),
                    rowErrors.stream().map(RowError::message).collect(Collectors.joining("; "))));
        }

        Outcome outcome(List<ParsedRow> rows) {
            long lastRow = rows.get(rows.size() - 1).row();
            return new Outcome(new Counts(rows.size(), created, updated, skipped, failed, lastRow), errors, errorRows);
        }
    }
}
