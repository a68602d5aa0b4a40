package io.leadsuite.imports.csv;

import io.leadsuite.common.web.FieldViolation;
import java.util.List;
import java.util.Map;

/**
 * Where each column of a header goes: the suggestions of the header analysis, with a caller's {@code
 * fieldMapping} applied over them. {@link #errors} lists what makes the mapping unusable (the caller
 * answers 400 naming them): entries of the {@code fieldMapping} that name no column or no target, a
 * standard field or custom field given two columns, a required field given none.
 *
 * @param header the header row's cells as written
 * @param columns one per header cell, in order
 * @param warnings what the person importing should know (repeated or empty headers, columns dropped)
 * @param errors why the mapping cannot be used; empty when it can
 */
public record HeaderMapping(
        List<String> header, List<ColumnMapping> columns, List<CsvWarning> warnings, List<FieldViolation> errors) {

    public HeaderMapping {
        header = List.copyOf(header);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }

    /**
     * Maps {@code header}, using {@code sample} (the first rows, possibly none) to prefer a column with
     * values over an empty one for the same field, and applying {@code fieldMapping} (column name →
     * target, see {@link ColumnTarget#parse}) over the suggestions.
     */
    public static HeaderMapping of(List<String> header, List<CsvRow> sample, Map<String, String> fieldMapping) {
        return HeaderMapper.map(header, sample, fieldMapping);
    }

    /** Whether the mapping can be used: it has no errors. */
    public boolean valid() {
        return errors.isEmpty();
    }
}
