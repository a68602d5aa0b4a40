package io.leadsuite.imports.csv;

import java.util.OptionalLong;

/**
 * The file cannot be imported at all: it is empty, not text, not valid in its encoding, not CSV, or
 * beyond a {@link CsvLimits limit}. The message is for the person who uploaded it; {@link #row()} is the
 * spreadsheet row where reading stopped, when the problem is in one. A row whose cells do not fit the
 * header is not this: it is a {@link RowError} of that row, and the other rows import.
 */
public final class CsvFileException extends RuntimeException {

    /** What is wrong with the file. */
    public enum Kind {
        /** No bytes, or no header row. */
        EMPTY,
        /** Not a text file: NUL bytes, mostly control characters, or a known binary format (xlsx, xls, pdf). */
        NOT_TEXT,
        /** Bytes that are not valid in the file's encoding. */
        UNDECODABLE,
        /** A quoted cell that the file never closes. */
        UNCLOSED_QUOTE,
        /** Text after the closing quote of a quoted cell. */
        MISPLACED_QUOTE,
        /** A cell longer than {@link CsvLimits#maxCellChars()}. */
        CELL_TOO_LONG,
        /** A row longer than {@link CsvLimits#maxRowChars()}. */
        ROW_TOO_LONG,
        /** More columns than {@link CsvLimits#maxColumns()}. */
        TOO_MANY_COLUMNS,
        /** A header row longer than {@link CsvLimits#maxHeaderChars()}. */
        HEADER_TOO_LONG,
        /** Any other reason the CSV cannot be parsed. */
        MALFORMED
    }

    private final Kind kind;
    private final long row;

    CsvFileException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    CsvFileException(Kind kind, long row, String message) {
        this(kind, row, message, null);
    }

    CsvFileException(Kind kind, long row, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.row = row;
    }

    public Kind kind() {
        return kind;
    }

    /** The spreadsheet row (1 = the header row) where the problem is, if it is in one. */
    public OptionalLong row() {
        return row > 0 ? OptionalLong.of(row) : OptionalLong.empty();
    }
}
