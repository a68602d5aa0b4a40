package io.leadsuite.imports.csv;

import io.leadsuite.common.web.FieldViolation;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import of a file would do, from the file's head alone: its format, its header and where each
 * column goes, the custom fields' types, and its first rows as they would be stored. The same head and
 * {@code fieldMapping} give the same preview, so an import job builds it again from the stored file's
 * head and converts every row with {@link #converter()}.
 *
 * @param format how the file is read (encoding, delimiter, skipped BOM and {@code sep=} line)
 * @param header the header row's cells as written
 * @param headerRow its spreadsheet row (1, unless blank lines come first)
 * @param columns each column's suggested and effective target
 * @param customFieldTypes each custom field's type, inferred from the rows of the head
 * @param warnings about the header
 * @param errors why the mapping cannot be used (the import is refused while there are any)
 * @param sampledRows how many rows of the head the types were inferred from
 * @param rows the first {@value #ROWS} rows, converted
 */
public record CsvPreview(
        CsvFormat format,
        List<String> header,
        long headerRow,
        List<ColumnMapping> columns,
        Map<String, FieldType> customFieldTypes,
        List<CsvWarning> warnings,
        List<FieldViolation> errors,
        int sampledRows,
        List<LeadRow> rows) {

    /** How many converted rows a preview shows. */
    public static final int ROWS = 5;

    /** The most rows of the head that types are inferred from. */
    static final int MAX_SAMPLED_ROWS = 1000;

    public CsvPreview {
        header = List.copyOf(header);
        columns = List.copyOf(columns);
        customFieldTypes = Collections.unmodifiableMap(new LinkedHashMap<>(customFieldTypes));
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
        rows = List.copyOf(rows);
    }

    /** The preview of the file that starts with {@code head}, with the default limits. */
    public static CsvPreview of(CsvHead head, Map<String, String> fieldMapping) {
        return of(head, fieldMapping, CsvLimits.DEFAULTS);
    }

    /**
     * The preview of the file that starts with {@code head}, with {@code fieldMapping} (column name →
     * target, possibly empty) over the suggested mapping.
     *
     * @throws CsvFileException when the head shows that the file cannot be imported
     */
    public static CsvPreview of(CsvHead head, Map<String, String> fieldMapping, CsvLimits limits) {
        CsvFormat format = CsvFormat.detect(head.bytes());
        byte[] complete = head.wholeFile() ? head.bytes() : completeLines(head.bytes(), format);
        List<CsvRow> sample = new ArrayList<>();
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(complete), format, limits)) {
            try {
                while (sample.size() < MAX_SAMPLED_ROWS && rows.hasNext()) {
                    sample.add(rows.next());
                }
            } catch (CsvFileException e) {
                if (head.wholeFile() || e.kind() != CsvFileException.Kind.UNCLOSED_QUOTE) {
                    throw e;
                }
                // The head ends inside a quoted cell with line breaks: the sample ends before its row.
            }
            return preview(format, rows.header(), rows.headerRow(), sample, fieldMapping);
        }
    }

    private static CsvPreview preview(
            CsvFormat format,
            List<String> header,
            long headerRow,
            List<CsvRow> sample,
            Map<String, String> fieldMapping) {
        HeaderMapping mapping = HeaderMapping.of(header, sample, fieldMapping);
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (ColumnMapping column : mapping.columns()) {
            if (column.target().kind() == ColumnTarget.Kind.CUSTOM) {
                List<String> values = sample.stream()
                        .filter(row -> column.index() < row.cells().size())
                        .map(row -> row.cells().get(column.index()))
                        .toList();
                types.put(
                        column.target().name(), FieldTypes.infer(column.target().name(), values));
            }
        }
        LeadRowConverter converter = new LeadRowConverter(mapping, types);
        List<LeadRow> rows = sample.stream().limit(ROWS).map(converter::convert).toList();
        return new CsvPreview(
                format,
                header,
                headerRow,
                mapping.columns(),
                types,
                mapping.warnings(),
                mapping.errors(),
                sample.size(),
                rows);
    }

    /**
     * {@code head} up to and with its last line break, so that no row is cut (a cell with line breaks
     * may still be; the sample then ends before it).
     */
    private static byte[] completeLines(byte[] head, CsvFormat format) {
        int end = -1;
        for (int i = head.length - 1; i >= format.bomBytes() && end < 0; i--) {
            end = switch (format.encoding()) {
                case UTF_16LE ->
                    (i - format.bomBytes()) % 2 == 0 && i + 1 < head.length && isLineBreak(head[i]) && head[i + 1] == 0
                            ? i + 2
                            : -1;
                case UTF_16BE ->
                    (i - format.bomBytes()) % 2 == 1 && head[i - 1] == 0 && isLineBreak(head[i]) ? i + 1 : -1;
                case UTF_8, WINDOWS_1252 -> isLineBreak(head[i]) ? i + 1 : -1;
            };
        }
        if (end < 0) {
            throw new CsvFileException(
                    CsvFileException.Kind.HEADER_TOO_LONG,
                    1,
                    "The header row does not end within the first " + CsvHead.MAX_BYTES / 1024 + " KiB of the file.");
        }
        return Arrays.copyOf(head, end);
    }

    private static boolean isLineBreak(byte b) {
        return b == '\n' || b == '\r';
    }

    /** Converts rows of this preview's file as the preview shows them. */
    public LeadRowConverter converter() {
        return new LeadRowConverter(mapping(), customFieldTypes);
    }

    private HeaderMapping mapping() {
        return new HeaderMapping(header, columns, warnings, errors);
    }
}
