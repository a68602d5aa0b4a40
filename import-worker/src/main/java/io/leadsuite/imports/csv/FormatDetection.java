package io.leadsuite.imports.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a file's {@link CsvFormat} from its head: byte-order mark, then encoding (UTF-8 when the bytes
 * are valid UTF-8, Windows-1252 otherwise), then Excel's {@code sep=} line, then the delimiter whose
 * cell count per record is most consistent over the first records, quotes respected.
 */
final class FormatDetection {

    static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private static final int RECORDS_SAMPLED = 100;
    private static final double MAX_CONTROL_SHARE = 0.02;
    private static final Pattern SEP_LINE = Pattern.compile("(?i)sep=([^\"\\r\\n])[ ]*(\\r\\n|\\r|\\n|$)");

    private FormatDetection() {}

    static CsvFormat detect(byte[] head) {
        if (head.length == 0) {
            throw new CsvFileException(CsvFileException.Kind.EMPTY, "The file is empty.");
        }
        rejectKnownBinaryFormats(head);
        CsvEncoding encoding;
        int bomBytes = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            encoding = CsvEncoding.UTF_8;
            bomBytes = 3;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            encoding = CsvEncoding.UTF_16LE;
            bomBytes = 2;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            encoding = CsvEncoding.UTF_16BE;
            bomBytes = 2;
        } else {
            rejectNulBytes(head);
            encoding = isUtf8(head) ? CsvEncoding.UTF_8 : CsvEncoding.WINDOWS_1252;
        }
        String text = decodeLeniently(head, bomBytes, encoding);
        rejectControlCharacters(text);
        Matcher sep = SEP_LINE.matcher(text);
        if (sep.lookingAt()) {
            return new CsvFormat(encoding, bomBytes, sep.group(1).charAt(0), true);
        }
        return new CsvFormat(encoding, bomBytes, delimiterOf(text), false);
    }

    /**
     * Whether {@code bytes} are valid UTF-8, allowing a multibyte sequence cut at the end (the head ends
     * where the buffer ends, not where a character does).
     */
    static boolean isUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return in.remaining() < 4;
            }
            out.clear();
        }
    }

    private static String decodeLeniently(byte[] head, int bomBytes, CsvEncoding encoding) {
        CharsetDecoder decoder = encoding.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(head, bomBytes, head.length - bomBytes);
        CharBuffer out = CharBuffer.allocate(head.length);
        decoder.decode(in, out, false);
        return out.flip().toString();
    }

    private static void rejectKnownBinaryFormats(byte[] head) {
        if (startsWith(head, 'P', 'K', 0x03, 0x04)) {
            throw notText("It is a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV and upload that.");
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw notText("It is an old Excel workbook (.xls): save it as CSV and upload that.");
        }
        if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
            throw notText("It is a PDF document.");
        }
    }

    private static void rejectNulBytes(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                throw notText("It contains NUL bytes. (A UTF-16 text file needs its byte-order mark; saving it as"
                        + " \"CSV UTF-8\" always works.)");
            }
        }
    }

    private static void rejectControlCharacters(String text) {
        long control = text.chars()
                .filter(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
                .count();
        if (control > text.length() * MAX_CONTROL_SHARE) {
            throw notText("Most of it is not text.");
        }
    }

    private static CsvFileException notText(String why) {
        return new CsvFileException(CsvFileException.Kind.NOT_TEXT, "This is not a CSV or text file. " + why);
    }

    /**
     * The delimiter whose records have the same cell count as the header most often; ties go to the one
     * that splits the header into more cells, then to the order of {@link #DELIMITERS}. A delimiter that
     * splits no header cell is not a candidate; with none, the file has one column and {@code ,} is
     * reported.
     */
    private static char delimiterOf(String text) {
        char best = ',';
        double bestConsistency = -1;
        int bestColumns = 1;
        for (char delimiter : DELIMITERS) {
            List<Integer> counts = cellCounts(text, delimiter);
            if (counts.isEmpty() || counts.get(0) < 2) {
                continue;
            }
            int columns = counts.get(0);
            double consistency =
                    counts.stream().filter(count -> count == columns).count() / (double) counts.size();
            if (consistency > bestConsistency || (consistency == bestConsistency && columns > bestColumns)) {
                best = delimiter;
                bestConsistency = consistency;
                bestColumns = columns;
            }
        }
        return best;
    }

    /**
     * The cell count of each of the first records when split at {@code delimiter}; the last record is
     * left out when the text does not end with a line break (the head may have cut it). Empty when the
     * text is not CSV with that delimiter (a quote closed in the middle of a cell).
     */
    private static List<Integer> cellCounts(String text, char delimiter) {
        List<Integer> counts = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(text)) {
            for (CsvRecord record : reader) {
                counts.add(record.getFieldCount());
                if (counts.size() > RECORDS_SAMPLED) {
                    break;
                }
            }
        } catch (CsvParseException | IOException notCsvWithThisDelimiter) {
            return List.of();
        }
        boolean lastRecordComplete = text.endsWith("\n") || text.endsWith("\r");
        if (!lastRecordComplete && counts.size() > 1 && counts.size() <= RECORDS_SAMPLED) {
            counts.remove(counts.size() - 1);
        }
        return counts;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
