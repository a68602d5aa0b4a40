package io.leadsuite.imports.run;

import io.leadsuite.imports.job.RowError;
import java.util.List;
import java.util.Map;

/**
 * One data row of a file, read and mapped: the lead it describes (as the leads API takes it), or why
 * it cannot describe one (a row with more or fewer cells than the header).
 *
 * @param row its number as a spreadsheet shows it
 * @param cells its cells as written, for the error file
 * @param lead the mapped lead; empty when {@code errors} is not
 */
record ParsedRow(long row, List<String> cells, Map<String, Object> lead, List<RowError> errors) {}
