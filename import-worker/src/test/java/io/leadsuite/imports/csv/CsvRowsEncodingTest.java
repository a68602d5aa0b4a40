package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestCsv.concat;
import static io.leadsuite.imports.csv.TestCsv.rows;
import static io.leadsuite.imports.csv.TestCsv.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsEncodingTest {

    private static final String TEXT = "name,city\r\nJosé Müller,Kraków €\r\n";
    private static final List<CsvRow> ROWS = List.of(new CsvRow(2, List.of("José Müller", "Kraków €")));

    @Test
    void utf8WithoutBom() {
        assertThat(rows(utf8(TEXT))).isEqualTo(ROWS);
    }

    @Test
    void utf8WithBomHasNoBomInItsFirstHeaderCell() {
        byte[] csv = TestCsv.utf8WithBom(TEXT);

        try (CsvRows rows = TestCsv.open(csv, CsvLimits.DEFAULTS)) {
            assertThat(rows.header()).containsExactly("name", "city");
        }
        assertThat(rows(csv)).isEqualTo(ROWS);
    }

    @Test
    void utf16LittleEndianTabSeparated() {
        byte[] csv = TestCsv.utf16LeWithBom(TEXT.replace(',', '\t'));

        try (CsvRows rows = TestCsv.open(csv, CsvLimits.DEFAULTS)) {
            assertThat(rows.header()).containsExactly("name", "city");
        }
        assertThat(rows(csv)).isEqualTo(ROWS);
    }

    @Test
    void utf16BigEndian() {
        assertThat(rows(TestCsv.utf16BeWithBom(TEXT))).isEqualTo(ROWS);
    }

    @Test
    void windows1252AccentsAndTheEuroSign() {
        byte[] csv = TestCsv.windows1252("name;note\r\nRené;5 € à Noël\r\n");

        assertThat(rows(csv)).containsExactly(new CsvRow(2, List.of("René", "5 € à Noël")));
    }

    @Test
    void invalidUtf8InTheMiddleOfAUtf8FileNamesItsRow() {
        StringBuilder text = new StringBuilder("name,city\n");
        for (int i = 2; i < 5000; i++) {
            text.append("Zoë ").append(i).append(",Kraków\n");
        }
        byte[] csv = concat(utf8(text.toString()), utf8("Bad,"), new byte[] {(byte) 0xE9}, utf8("t\nAfter,x\n"));
        CsvFormat format = CsvFormat.detect(Arrays.copyOf(csv, CsvHead.MAX_BYTES));

        assertThat(format.encoding()).isEqualTo(CsvEncoding.UTF_8);
        assertThatThrownBy(() -> {
                    try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(csv), format)) {
                        rows.forEachRemaining(row -> {});
                    }
                })
                .isInstanceOfSatisfying(CsvFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CsvFileException.Kind.UNDECODABLE);
                    assertThat(e.row()).hasValue(5000);
                })
                .hasMessage("Row 5000 cannot be read: the byte E9 is not valid UTF-8. Save the file as \"CSV UTF-8\""
                        + " and upload it again.");
    }

    @Test
    void invalidUtf8AtTheStartOfARowNamesThatRow() {
        byte[] csv = concat(utf8("name,city\r\nAnn,x\r\n"), new byte[] {(byte) 0xFF}, utf8("Bo,y\r\n"));

        assertThatThrownBy(() -> readAllAsUtf8(csv))
                .isInstanceOfSatisfying(
                        CsvFileException.class, e -> assertThat(e.row()).hasValue(3));
    }

    @Test
    void aCharacterCutAtTheEndOfTheFileIsInvalid() {
        byte[] csv = concat(utf8("name,city\nAnn,"), new byte[] {(byte) 0xE2, (byte) 0x82});

        assertThatThrownBy(() -> readAllAsUtf8(csv))
                .isInstanceOf(CsvFileException.class)
                .hasMessageStartingWith("Row 2 cannot be read: the bytes E2 82 are not valid UTF-8.");
    }

    private static void readAllAsUtf8(byte[] csv) {
        try (CsvRows rows =
                CsvRows.open(new ByteArrayInputStream(csv), new CsvFormat(CsvEncoding.UTF_8, 0, ',', false))) {
            rows.forEachRemaining(row -> {});
        }
    }
}
