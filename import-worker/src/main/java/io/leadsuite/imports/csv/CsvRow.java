package io.leadsuite.imports.csv;

import java.util.List;

/**
 * One record of the file below its header, as it was written.
 *
 * @param row the spreadsheet row of its first line (1 = the header row; a cell with line breaks makes a
 *     record span several rows, so the next record's row is further on)
 * @param cells its cells, unchanged (not trimmed), as many as the record has (not necessarily as many
 *     as the header)
 */
public record CsvRow(long row, List<String> cells) {

    public CsvRow {
        cells = List.copyOf(cells);
    }
}
