package io.leadsuite.imports.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link CsvRow}s into {@link LeadRow}s with a {@link HeaderMapping} and the custom fields'
 * {@link FieldType types}: each standard field's cell trimmed (left out when blank), each custom field's
 * cell {@link FieldTypes#convert converted} to its column's type (a cell that does not fit it stays
 * text), ignored columns dropped. A row with fewer cells than the header, or more and not all of them
 * blank, is a {@link RowError} of that row.
 */
public final class LeadRowConverter {

    private final int columnCount;
    private final List<ColumnMapping> columns;
    private final Map<String, FieldType> customFieldTypes;

    /**
     * @param customFieldTypes by custom field name; a custom field without a type is {@link FieldType#STRING}
     */
    public LeadRowConverter(HeaderMapping mapping, Map<String, FieldType> customFieldTypes) {
        this.columnCount = mapping.header().size();
        this.columns = mapping.columns();
        this.customFieldTypes = Map.copyOf(customFieldTypes);
    }

    public LeadRow convert(CsvRow row) {
        List<String> cells = row.cells();
        if (cells.size() < columnCount
                || cells.subList(Math.min(columnCount, cells.size()), cells.size()).stream()
                        .anyMatch(cell -> !cell.isBlank())) {
            RowError error = new RowError(
                    row.row(),
                    null,
                    "Row " + row.row() + " has " + cells.size() + " cells, but the header has " + columnCount + ".");
            return new LeadRow(row.row(), cells, Map.of(), List.of(error));
        }
        Map<String, Object> lead = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        for (ColumnMapping column : columns) {
            String cell = cells.get(column.index());
            ColumnTarget target = column.target();
            switch (target.kind()) {
                case STANDARD -> {
                    String value = cell.strip();
                    if (!value.isEmpty()) {
                        lead.put(target.name(), value);
                    }
                }
                case CUSTOM -> {
                    Object value =
                            FieldTypes.convert(cell, customFieldTypes.getOrDefault(target.name(), FieldType.STRING));
                    if (value != null) {
                        custom.put(target.name(), value);
                    }
                }
                case IGNORE -> {}
            }
        }
        if (!custom.isEmpty()) {
            lead.put("customFields", Collections.unmodifiableMap(custom));
        }
        return new LeadRow(row.row(), cells, lead, List.of());
    }
}
