package io.leadsuite.imports.csv;

/**
 * How to read a CSV file, as {@link #detect} finds it from the file's first bytes.
 *
 * @param encoding the file's encoding
 * @param bomBytes how many bytes of byte-order mark open the file (0, 2 or 3), skipped before reading
 * @param delimiter the cell separator: {@code ,} {@code ;} tab or {@code |}, or the one a {@code sep=}
 *     line names
 * @param sepLine whether the first line is Excel's {@code sep=X} line, skipped before the header (and not
 *     counted as a row: Excel does not show it)
 */
public record CsvFormat(CsvEncoding encoding, int bomBytes, char delimiter, boolean sepLine) {

    /**
     * The format of the file that starts with {@code head} (its first {@link CsvHead#MAX_BYTES} bytes, or
     * all of it when it is shorter).
     *
     * @throws CsvFileException when the file is empty or is not text
     */
    public static CsvFormat detect(byte[] head) {
        return FormatDetection.detect(head);
    }

    public boolean bom() {
        return bomBytes > 0;
    }
}
