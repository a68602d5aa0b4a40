package io.leadsuite.imports.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The first bytes of an uploaded file, which format detection and the preview read (never the whole
 * file).
 *
 * @param bytes at most {@link #MAX_BYTES} bytes from the file's start
 * @param wholeFile whether {@code bytes} is the whole file (otherwise its last line may be cut)
 */
public record CsvHead(byte[] bytes, boolean wholeFile) {

    /** How much of a file detection and the preview read: 64 KiB. */
    public static final int MAX_BYTES = 64 * 1024;

    /** Reads the head of {@code in}: up to {@link #MAX_BYTES} bytes, and one more to know whether there is more. */
    public static CsvHead read(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length <= MAX_BYTES) {
                return new CsvHead(bytes, true);
            }
            byte[] head = new byte[MAX_BYTES];
            System.arraycopy(bytes, 0, head, 0, MAX_BYTES);
            return new CsvHead(head, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
