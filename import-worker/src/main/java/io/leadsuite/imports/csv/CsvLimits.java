package io.leadsuite.imports.csv;

/**
 * What a file may hold before reading it fails with a {@link CsvFileException}, so that memory stays
 * bounded whatever is uploaded. Sizes are in characters.
 *
 * @param maxCellChars the longest cell (default 1 Mi characters)
 * @param maxRowChars the longest row, all its cells together (default 4 Mi characters)
 * @param maxColumns the most cells in a row, header included (default 500)
 * @param maxHeaderChars the longest header row, all its cells together (default 32 Ki characters: it
 *     must fit in the head that the preview reads)
 */
public record CsvLimits(int maxCellChars, int maxRowChars, int maxColumns, int maxHeaderChars) {

    public static final CsvLimits DEFAULTS = new CsvLimits(1 << 20, 4 << 20, 500, 32 * 1024);

    public CsvLimits {
        if (maxCellChars < 1 || maxColumns < 1 || maxHeaderChars < 1 || maxRowChars < maxCellChars) {
            throw new IllegalArgumentException("limits must be positive, and a row at least as long as a cell");
        }
    }
}
