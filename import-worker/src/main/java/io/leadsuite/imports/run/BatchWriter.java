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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one batch of mapped rows to leads-service and reads its answer back into the job's terms: each
 * row is created, updated, skipped (a duplicate, under {@code duplicatePolicy=skip}) or failed, and a
 * failed row becomes an entry of the error file.
 */
final class BatchWriter {

    /** The lead source of every CSV row (one of leads-service's sources). */
    static final String CSV_SOURCE = "csv";

    /**
     * The most JSON one call carries: leads-service reads a request body into memory up to 256 KB, so a
     * batch of long rows goes in several calls.
     */
    static final int MAX_REQUEST_BYTES = 192 * 1024;

    private final LeadsBatchClient leads;
    private final JsonMapper json;

    BatchWriter(LeadsBatchClient leads, JsonMapper json) {
        this.leads = leads;
        this.json = json;
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

    /** The ref of a row: a file's by its row number, a CRM record's by its id (which no page shift changes). */
    static String ref(ImportJob job, ParsedRow row) {
        return row.position() == null
                ? ref(job, row.row())
                : job.id().toHexString() + ":" + row.position().id();
    }

    /** A CRM import's leads have its provider as their source ({@code hubspot}, {@code salesforce}, …). */
    static String source(ImportJob job) {
        return job.sync() == null ? CSV_SOURCE : job.type();
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
                    lead.put("ref", ref(job, row));
                    if (job.listId() != null) {
                        lead.put("listId", job.listId().toHexString());
                    }
                    return lead;
                })
                .toList();
        List<List<Integer>> calls = calls(inputs);
        return Flux.fromIterable(calls)
                .concatMap(call -> leads.store(new LeadsBatchClient.BatchRequest(
                                job.userId(),
                                job.workspaceId(),
                                "import:" + job.id().toHexString(),
                                source(job),
                                job.duplicatePolicy(),
                                job.dryRun(),
                                call.stream().map(inputs::get).toList()))
                        .doOnNext(response -> {
                            for (LeadsBatchClient.BatchItem item : response.items()) {
                                count(job, tally, sendable.get(call.get(item.index())), item);
                            }
                        }))
                .then(Mono.fromSupplier(() -> tally.outcome(rows)));
    }

    /** The inputs split into calls of at most {@link #MAX_REQUEST_BYTES} of JSON each, as positions. */
    private List<List<Integer>> calls(List<Map<String, Object>> inputs) {
        List<List<Integer>> calls = new ArrayList<>();
        List<Integer> call = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < inputs.size(); i++) {
            long size = json.writeValueAsBytes(inputs.get(i)).length + 1;
            if (!call.isEmpty() && bytes + size > MAX_REQUEST_BYTES) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(i);
            bytes += size;
        }
        calls.add(call);
        return calls;
    }

    private static void count(ImportJob job, Tally tally, ParsedRow row, LeadsBatchClient.BatchItem item) {
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
                                    "merging it into the matching lead would give it the " + item.conflictField()
                                            + " of another lead (" + item.existingLeadId() + ")")));
                }
            }
            default -> tally.failed(row, violations(row.row(), item.violationsOrNone()));
        }
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
