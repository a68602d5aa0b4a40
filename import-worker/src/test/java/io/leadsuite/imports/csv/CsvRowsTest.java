package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestCsv.rows;
import static io.leadsuite.imports.csv.TestCsv.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRowsTest {

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r"})
    void eachLineEnding(String eol) {
        byte[] csv = utf8("name,email" + eol + "Ann,ann@example.com" + eol + "Bo,bo@example.com" + eol);

        assertThat(rows(csv))
                .containsExactly(
                        new CsvRow(2, List.of("Ann", "ann@example.com")),
                        new CsvRow(3, List.of("Bo", "bo@example.com")));
    }

    @Test
    void theLastRowNeedsNoLineBreak() {
        assertThat(rows(utf8("name,email\nAnn,ann@example.com")))
                .containsExactly(new CsvRow(2, List.of("Ann", "ann@example.com")));
    }

    @Test
    void quotedCellsHoldDelimitersLineBreaksAndDoubledQuotes() {
        byte[] csv = utf8("name,notes,email\r\n"
                + "\"Lee, Ann\",\"said \"\"hi\"\"\r\nthen left\",ann@example.com\r\n"
                + "Bo,\"a\nb\nc\",bo@example.com\r\n"
                + "Cy,plain,cy@example.com\r\n");

        assertThat(rows(csv))
                .containsExactly(
                        new CsvRow(2, List.of("Lee, Ann", "said \"hi\"\r\nthen left", "ann@example.com")),
                        new CsvRow(4, List.of("Bo", "a\nb\nc", "bo@example.com")),
                        new CsvRow(7, List.of("Cy", "plain", "cy@example.com")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r"})
    void rowNumbersCountLineBreaksInsideQuotesWithEachLineEnding(String eol) {
        byte[] csv = utf8("a,b" + eol + "\"x" + eol + "y\",1" + eol + "z,2" + eol);

        assertThat(rows(csv)).extracting(CsvRow::row).containsExactly(2L, 4L);
    }

    @Test
    void theHeaderIsReadWhenItOpensAndRowOneIsTheHeader() {
        try (CsvRows csv = TestCsv.open(utf8("First Name ,Email\nAnn,a@x.io\n"), CsvLimits.DEFAULTS)) {
            assertThat(csv.header()).containsExactly("First Name ", "Email");
            assertThat(csv.headerRow()).isEqualTo(1);
        }
    }

    @Test
    void aSkippedSepLineIsNotARow() {
        byte[] csv = utf8("sep=;\r\nname;email\r\nAnn;ann@example.com\r\n\"B\r\no\";bo@example.com\r\nCy;c@x.io\r\n");

        try (CsvRows rows = TestCsv.open(csv, CsvLimits.DEFAULTS)) {
            assertThat(rows.header()).containsExactly("name", "email");
            assertThat(rows.headerRow()).isEqualTo(1);
            assertThat(rows).toIterable().extracting(CsvRow::row).containsExactly(2L, 3L, 5L);
        }
    }

    @Test
    void blankLinesAndRowsOfEmptyCellsAreSkippedButCounted() {
        byte[] csv = utf8("name,email\n\nAnn,ann@example.com\n,\n , \nBo,bo@example.com\n\n");

        assertThat(rows(csv)).extracting(CsvRow::row).containsExactly(3L, 6L);
    }

    @Test
    void cellsAreKeptAsWrittenAndRaggedRowsAsTheyAre() {
        byte[] csv = utf8("a,b,c\n x ,, y\n1,2\n1,2,3,4\n");

        assertThat(rows(csv))
                .containsExactly(
                        new CsvRow(2, List.of(" x ", "", " y")),
                        new CsvRow(3, List.of("1", "2")),
                        new CsvRow(4, List.of("1", "2", "3", "4")));
    }

    @Test
    void aHeaderWithoutRowsHasNoRows() {
        try (CsvRows csv = TestCsv.open(utf8("firstName,lastName,email,phone\r\n"), CsvLimits.DEFAULTS)) {
            assertThat(csv.header()).hasSize(4);
            assertThat(csv.hasNext()).isFalse();
        }
    }

    @Test
    void streamsAMillionRowsWithoutHoldingThem() {
        int rows = 1_000_000;
        byte[] line = utf8("Ann,Lee,ann@example.com,+1 555 0100\n");
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream(utf8("firstName,lastName,email,phone\n")), new RepeatingStream(line, rows));
        long count = 0;
        long lastRow = 0;
        try (CsvRows csv = CsvRows.open(in, new CsvFormat(CsvEncoding.UTF_8, 0, ',', false))) {
            while (csv.hasNext()) {
                lastRow = csv.next().row();
                count++;
            }
        }

        assertThat(count).isEqualTo(rows);
        assertThat(lastRow).isEqualTo(rows + 1L);
    }

    /** {@code times} copies of {@code chunk}, produced as they are read. */
    private static final class RepeatingStream extends InputStream {

        private final byte[] chunk;
        private long remaining;
        private int position;

        RepeatingStream(byte[] chunk, long times) {
            this.chunk = chunk;
            this.remaining = times;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            int b = chunk[position++];
            if (position == chunk.length) {
                position = 0;
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = 0;
            while (count < length && remaining > 0) {
                int n = Math.min(length - count, chunk.length - position);
                System.arraycopy(chunk, position, target, offset + count, n);
                count += n;
                position += n;
                if (position == chunk.length) {
                    position = 0;
                    remaining--;
                }
            }
            return count;
        }
    }
}
