package io.leadsuite.imports.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one record's cells for FastCSV, and enforces the {@link CsvLimits} before it materialises a
 * cell, naming the row and column that break them. Remembers where the current record starts, so that
 * an error the parser or the decoder raises while reading it can name its row.
 */
final class RecordHandler extends AbstractBaseCsvCallbackHandler<CsvRow> {

    private final CsvLimits limits;
    private final int skippedLines;
    private final List<String> cells = new ArrayList<>();
    private List<String> header = List.of();
    private boolean inHeader = true;
    private long row;
    private long rowChars;

    /**
     * @param skippedLines lines before the header that are not spreadsheet rows (Excel's {@code sep=} line)
     */
    RecordHandler(CsvLimits limits, int skippedLines) {
        this.limits = limits;
        this.skippedLines = skippedLines;
    }

    /** The spreadsheet row where the record being read starts. */
    long row() {
        return row;
    }

    /** From now on records are data rows, checked against the header's column names. */
    void headerRead(List<String> header) {
        this.header = header;
        this.inHeader = false;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        row = startingLineNumber - skippedLines;
        cells.clear();
        rowChars = 0;
    }

    @Override
    protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
        if (index >= limits.maxColumns()) {
            throw new CsvFileException(
                    CsvFileException.Kind.TOO_MANY_COLUMNS,
                    row,
                    (inHeader ? "The header row" : "Row " + row) + " has more than " + limits.maxColumns()
                            + " columns, the most a file may have.");
        }
        if (length > limits.maxCellChars()) {
            throw new CsvFileException(
                    CsvFileException.Kind.CELL_TOO_LONG,
                    row,
                    "Row " + row + ", " + column(index) + ": the cell is longer than " + limits.maxCellChars()
                            + " characters, the most a cell may have"
                            + (quoted
                                    ? " (a quote that is never closed makes a cell run to the end of the file)."
                                    : "."));
        }
        rowChars += length;
        if (inHeader && rowChars > limits.maxHeaderChars()) {
            throw new CsvFileException(
                    CsvFileException.Kind.HEADER_TOO_LONG,
                    row,
                    "The header row is longer than " + limits.maxHeaderChars() + " characters, the most it may have.");
        }
        if (rowChars > limits.maxRowChars()) {
            throw new CsvFileException(
                    CsvFileException.Kind.ROW_TOO_LONG,
                    row,
                    "Row " + row + " is longer than " + limits.maxRowChars() + " characters, the most a row may have.");
        }
        cells.add(new String(buffer, offset, length));
    }

    @Override
    protected CsvRow buildRecord() {
        return new CsvRow(row, cells);
    }

    private String column(int index) {
        String name = index < header.size() ? " (\"" + header.get(index).strip() + "\")" : "";
        return "column " + (index + 1) + name;
    }
}
