package io.leadsuite.imports.run;

import io.leadsuite.imports.job.ImportJobs.RecordPosition;
import io.leadsuite.imports.job.RowError;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One data row of a file or one record of a CRM, read and mapped: the lead it describes (as the leads
 * API takes it), or why it cannot describe one (a row with more or fewer cells than the header).
 *
 * @param row its number as a spreadsheet shows it; for a CRM record, its position in the import
 * @param cells its cells as written, for the error file
 * @param lead the mapped lead; empty when {@code errors} is not
 * @param position for a CRM record, where it is in its source: the checkpoint once it is written
 */
record ParsedRow(
        long row,
        List<String> cells,
        Map<String, Object> lead,
        List<RowError> errors,
        @Nullable RecordPosition position) {}
