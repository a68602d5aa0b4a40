package io.leadsuite.imports.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test inputs built in code: a CSV text as the bytes an exporting tool would write. */
final class TestCsv {

    private TestCsv() {}

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8WithBom(String text) {
        return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(text));
    }

    static byte[] utf16LeWithBom(String text) {
        return concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
    }

    static byte[] utf16BeWithBom(String text) {
        return concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
    }

    static byte[] windows1252(String text) {
        return text.getBytes(Charset.forName("windows-1252"));
    }

    /** Every row of {@code bytes}, read in the format detected from them. */
    static List<CsvRow> rows(byte[] bytes) {
        return rows(bytes, CsvLimits.DEFAULTS);
    }

    static List<CsvRow> rows(byte[] bytes, CsvLimits limits) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvRows csv = open(bytes, limits)) {
            csv.forEachRemaining(rows::add);
        }
        return rows;
    }

    static CsvRows open(byte[] bytes, CsvLimits limits) {
        return CsvRows.open(new ByteArrayInputStream(bytes), CsvFormat.detect(bytes), limits);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
