package io.leadsuite.imports.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data row converted to a lead for the leads API.
 *
 * @param row the spreadsheet row (its first line)
 * @param cells the row's cells as written, for an error file that shows the row as it was
 * @param lead the lead's JSON input as a map: the standard fields at the top level (trimmed strings,
 *     absent when blank) and {@code customFields} (absent when none has a value) with typed values;
 *     empty when the row has errors
 * @param errors why the row cannot be imported; empty when it can (the leads API still validates the
 *     lead's values)
 */
public record LeadRow(long row, List<String> cells, Map<String, Object> lead, List<RowError> errors) {

    public LeadRow {
        cells = List.copyOf(cells);
        lead = Collections.unmodifiableMap(new LinkedHashMap<>(lead));
        errors = List.copyOf(errors);
    }

    /** Whether the row converted: it has no errors. */
    public boolean valid() {
        return errors.isEmpty();
    }
}
