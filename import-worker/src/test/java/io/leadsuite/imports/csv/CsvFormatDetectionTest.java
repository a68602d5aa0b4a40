package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestCsv.concat;
import static io.leadsuite.imports.csv.TestCsv.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatDetectionTest {

    private static final String LEADS =
            "firstName,lastName,email,phone\nJosé,Müller,jose@example.com,+34 600 000 000\n";

    @Test
    void utf8WithoutBom() {
        assertThat(CsvFormat.detect(utf8(LEADS))).isEqualTo(new CsvFormat(CsvEncoding.UTF_8, 0, ',', false));
    }

    @Test
    void utf8WithBomSkipsItsThreeBytes() {
        assertThat(CsvFormat.detect(TestCsv.utf8WithBom(LEADS)))
                .isEqualTo(new CsvFormat(CsvEncoding.UTF_8, 3, ',', false));
    }

    @Test
    void utf16LittleEndianWithBomAsExcelSavesUnicodeTextTabSeparated() {
        byte[] head = TestCsv.utf16LeWithBom(LEADS.replace(',', '\t'));

        assertThat(CsvFormat.detect(head)).isEqualTo(new CsvFormat(CsvEncoding.UTF_16LE, 2, '\t', false));
    }

    @Test
    void utf16BigEndianWithBom() {
        assertThat(CsvFormat.detect(TestCsv.utf16BeWithBom(LEADS)))
                .isEqualTo(new CsvFormat(CsvEncoding.UTF_16BE, 2, ',', false));
    }

    @Test
    void bytesThatAreNotUtf8AreWindows1252() {
        byte[] head = TestCsv.windows1252("firstName;notes\nRené;costs 5 €\n");

        assertThat(head).contains((byte) 0xE9, (byte) 0x80);
        assertThat(CsvFormat.detect(head)).isEqualTo(new CsvFormat(CsvEncoding.WINDOWS_1252, 0, ';', false));
        assertThat(CsvFormat.detect(head).encoding().label()).isEqualTo("windows-1252");
    }

    @Test
    void aUtf8CharacterCutAtTheEndOfTheHeadIsStillUtf8() {
        byte[] whole = utf8("name,city\nZoë,Kraków €\n".repeat(3) + "Zoë,€");
        byte[] cutInsideTheEuroSign = Arrays.copyOf(whole, whole.length - 1);

        assertThat(CsvFormat.detect(cutInsideTheEuroSign).encoding()).isEqualTo(CsvEncoding.UTF_8);
    }

    @Test
    void aStrayByteInTheMiddleMakesItWindows1252() {
        byte[] head = concat(utf8("name,city\nZoë,"), new byte[] {(byte) 0xE9}, utf8(",x\n"));

        assertThat(CsvFormat.detect(head).encoding()).isEqualTo(CsvEncoding.WINDOWS_1252);
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void eachDelimiter(String delimiter) {
        String csv = String.join(
                "\n",
                String.join(delimiter, "First Name", "Last Name", "Email", "Notes"),
                String.join(delimiter, "Ann", "Lee", "ann@example.com", "\"likes a, b; c|d\ttoo\""),
                String.join(delimiter, "Bo", "Kim", "bo@example.com", "met at expo, 2024"),
                "");

        assertThat(CsvFormat.detect(utf8(csv)).delimiter()).isEqualTo(delimiter.charAt(0));
    }

    @Test
    void theDelimiterWithConsistentCountsWinsOverOneThatAppearsInCells() {
        String csv = "name;amount;note\nAnn;1,5;a, b, c\nBo;2,25;x\nCy;3;y, z\n";

        assertThat(CsvFormat.detect(utf8(csv)).delimiter()).isEqualTo(';');
    }

    @Test
    void excelsSepLineNamesTheDelimiterAndIsSkipped() {
        String csv = "sep=;\r\nname,with comma;email\r\nAnn, Lee;ann@example.com\r\n";

        assertThat(CsvFormat.detect(utf8(csv))).isEqualTo(new CsvFormat(CsvEncoding.UTF_8, 0, ';', true));
    }

    @Test
    void aSepLineAfterABom() {
        assertThat(CsvFormat.detect(TestCsv.utf8WithBom("sep=|\nname|email\n")))
                .isEqualTo(new CsvFormat(CsvEncoding.UTF_8, 3, '|', true));
    }

    @Test
    void aSingleColumnIsCommaSeparated() {
        assertThat(CsvFormat.detect(utf8("email\nann@example.com\n")).delimiter())
                .isEqualTo(',');
    }

    @Test
    void emptyFile() {
        assertThatThrownBy(() -> CsvFormat.detect(new byte[0]))
                .isInstanceOfSatisfying(
                        CsvFileException.class, e -> assertThat(e.kind()).isEqualTo(CsvFileException.Kind.EMPTY))
                .hasMessage("The file is empty.");
    }

    @Test
    void nulBytesWithoutUtf16BomAreNotText() {
        byte[] head = concat(utf8("name,email\n"), new byte[] {0, 1, 2, 3}, utf8("x\n"));

        assertThatThrownBy(() -> CsvFormat.detect(head))
                .isInstanceOfSatisfying(
                        CsvFileException.class, e -> assertThat(e.kind()).isEqualTo(CsvFileException.Kind.NOT_TEXT))
                .hasMessageStartingWith("This is not a CSV or text file. It contains NUL bytes.");
    }

    @Test
    void mostlyControlCharactersAreNotText() {
        byte[] head = new byte[1000];
        for (int i = 0; i < head.length; i++) {
            head[i] = (byte) (i % 2 == 0 ? 0x01 : 'a');
        }

        assertThatThrownBy(() -> CsvFormat.detect(head))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("This is not a CSV or text file. Most of it is not text.");
    }

    @Test
    void anExcelWorkbookIsNamed() {
        byte[] xlsx = concat(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}, utf8("[Content_Types].xml"));

        assertThatThrownBy(() -> CsvFormat.detect(xlsx))
                .isInstanceOf(CsvFileException.class)
                .hasMessageContaining("Excel workbook (.xlsx): save it as CSV");
    }
}
