package io.leadsuite.imports.csv;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The encodings an uploaded CSV file may have. */
public enum CsvEncoding {
    /** UTF-8, with or without a byte-order mark ("CSV UTF-8" in Excel, and most other tools). */
    UTF_8(StandardCharsets.UTF_8),
    /** UTF-16 little-endian with a byte-order mark (Excel's "Unicode text", tab-separated). */
    UTF_16LE(StandardCharsets.UTF_16LE),
    /** UTF-16 big-endian with a byte-order mark. */
    UTF_16BE(StandardCharsets.UTF_16BE),
    /** Windows-1252: a file that is not valid UTF-8 (Excel's plain "CSV" on Western-European Windows). */
    WINDOWS_1252(Charset.forName("windows-1252"));

    private final Charset charset;

    CsvEncoding(Charset charset) {
        this.charset = charset;
    }

    public Charset charset() {
        return charset;
    }

    /** The charset's canonical name, as the preview reports it ({@code UTF-8}, {@code windows-1252}). */
    @JsonValue
    public String label() {
        return charset.name();
    }
}
