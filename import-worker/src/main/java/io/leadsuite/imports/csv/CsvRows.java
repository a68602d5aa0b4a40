package io.leadsuite.imports.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Streams the rows of a CSV file of a known {@link CsvFormat}, one record at a time, in bounded memory:
 * the header row first ({@link #header()}, read when it opens), then each data row with its spreadsheet
 * row number. Line endings may be CRLF, LF or CR; quoted cells may hold delimiters, line breaks and
 * doubled quotes. Blank lines and rows whose cells are all blank are skipped (the row numbers of the
 * others still count them). A file with a header and no rows has no rows, and is not an error.
 *
 * <p>Anything that makes the file unreadable fails with a {@link CsvFileException} naming the row: bytes
 * not valid in the encoding, a quoted cell never closed, text after a closing quote, a {@link CsvLimits
 * limit} exceeded. A row with more or fewer cells than the header is returned as it is; {@link
 * LeadRowConverter} reports it.
 */
public final class CsvRows implements Iterator<CsvRow>, Closeable {

    private final CsvReader<CsvRow> reader;
    private final CloseableIterator<CsvRow> records;
    private final RecordHandler handler;
    private final CsvLimits limits;
    private final List<String> header;
    private final long headerRow;
    private @Nullable CsvRow next;

    private CsvRows(InputStream in, CsvFormat format, CsvLimits limits) {
        this.limits = limits;
        this.handler = new RecordHandler(limits, format.sepLine() ? 1 : 0);
        this.reader = CsvReader.builder()
                .fieldSeparator(format.delimiter())
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .maxBufferSize((int) Math.min(Integer.MAX_VALUE - 16, 2L * limits.maxCellChars() + 16384))
                .build(handler, new StrictDecodingReader(in, format.encoding().charset()));
        if (format.sepLine()) {
            read(() -> {
                reader.skipLines(1);
                return true;
            });
        }
        this.records = reader.iterator();
        if (!read(records::hasNext)) {
            throw new CsvFileException(CsvFileException.Kind.EMPTY, "The file has no header row.");
        }
        CsvRow first = read(records::next);
        this.header = first.cells();
        this.headerRow = first.row();
        handler.headerRead(header);
    }

    /** Opens {@code in}, read from its first byte, with the {@link CsvLimits#DEFAULTS default limits}. */
    public static CsvRows open(InputStream in, CsvFormat format) {
        return open(in, format, CsvLimits.DEFAULTS);
    }

    /**
     * Opens {@code in}, read from its first byte (a byte-order mark and a {@code sep=} line are skipped
     * here), and reads its header row. Closing the rows closes {@code in}; so does failing to open.
     *
     * @throws CsvFileException when there is no header row, or it cannot be read
     */
    public static CsvRows open(InputStream in, CsvFormat format, CsvLimits limits) {
        try {
            in.skipNBytes(format.bomBytes());
            return new CsvRows(in, format, limits);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The header row's cells, unchanged. */
    public List<String> header() {
        return header;
    }

    /** The spreadsheet row of the header: 1, unless blank lines come before it. */
    public long headerRow() {
        return headerRow;
    }

    /** @throws CsvFileException when the next row cannot be read */
    @Override
    public boolean hasNext() {
        while (next == null && read(records::hasNext)) {
            CsvRow row = read(records::next);
            if (row.cells().stream().anyMatch(cell -> !cell.isBlank())) {
                next = row;
            }
        }
        return next != null;
    }

    /** @throws CsvFileException when the next row cannot be read */
    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRow row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(Supplier<T> step) {
        try {
            return step.get();
        } catch (CsvParseException e) {
            throw translate(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof StrictDecodingReader.UndecodableInputException undecodable) {
                throw new CsvFileException(
                        CsvFileException.Kind.UNDECODABLE,
                        handler.row(),
                        "Row " + handler.row() + " cannot be read: " + undecodable.getMessage()
                                + ". Save the file as \"CSV UTF-8\" and upload it again.",
                        e);
            }
            throw e;
        }
    }

    private CsvFileException translate(CsvParseException e) {
        if (e.getCause() instanceof CsvFileException ours) {
            return ours;
        }
        long row = handler.row();
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unclosed quoted field")) {
            return new CsvFileException(
                    CsvFileException.Kind.UNCLOSED_QUOTE,
                    row,
                    "Row " + row + ": a quoted cell is never closed: it opens with \" and the file ends before"
                            + " its closing \".",
                    e);
        }
        if (message.startsWith("The maximum buffer size")) {
            return new CsvFileException(
                    CsvFileException.Kind.CELL_TOO_LONG,
                    row,
                    "Row " + row + ": a cell is longer than " + limits.maxCellChars()
                            + " characters, the most a cell may have, or a quote opened in it is never closed.",
                    e);
        }
        if (message.startsWith("Unexpected character after closing quote")) {
            return new CsvFileException(
                    CsvFileException.Kind.MISPLACED_QUOTE,
                    row,
                    "Row " + row + ": a quoted cell has text after its closing quote. Inside a quoted cell, a"
                            + " quote is written twice (\"\").",
                    e);
        }
        return new CsvFileException(
                CsvFileException.Kind.MALFORMED, row, "Row " + row + " cannot be read as CSV: " + message, e);
    }
}
