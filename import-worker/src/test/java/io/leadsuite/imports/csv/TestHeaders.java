package io.leadsuite.imports.csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Header rows for mapping tests, and what a mapping made of them. */
final class TestHeaders {

    private TestHeaders() {}

    static List<String> header(String line) {
        return List.of(line.split(",", -1));
    }

    /** The mapping of {@code line} without a sample or a fieldMapping. */
    static HeaderMapping suggest(String line) {
        return HeaderMapping.of(header(line), List.of(), Map.of());
    }

    /** Each column name with its target, in column order. */
    static Map<String, String> targets(HeaderMapping mapping) {
        Map<String, String> targets = new LinkedHashMap<>();
        mapping.columns()
                .forEach(column -> targets.put(column.column(), column.target().toString()));
        return targets;
    }

    /** The columns that went to a standard field: field → column name. */
    static Map<String, String> standardFields(HeaderMapping mapping) {
        Map<String, String> fields = new LinkedHashMap<>();
        mapping.columns().stream()
                .filter(column -> column.target().kind() == ColumnTarget.Kind.STANDARD)
                .forEach(column -> fields.put(column.target().name(), column.column()));
        return fields;
    }
}
