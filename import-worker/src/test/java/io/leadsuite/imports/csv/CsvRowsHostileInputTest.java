package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestCsv.rows;
import static io.leadsuite.imports.csv.TestCsv.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadsuite.imports.csv.CsvFileException.Kind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CsvRowsHostileInputTest {

    @Test
    void onlyBlankLinesHaveNoHeader() {
        assertFails(() -> rows(utf8("\r\n\r\n")), Kind.EMPTY, 0, "The file has no header row.");
    }

    @Test
    void onlyASepLineHasNoHeader() {
        assertFails(() -> rows(utf8("sep=;\r\n")), Kind.EMPTY, 0, "The file has no header row.");
    }

    @Test
    void aQuoteNeverClosedFailsAtTheEndOfTheFileNamingTheRowWhereItOpens() {
        byte[] csv = utf8("name,notes\nAnn,fine\nBo,\"starts here\nCy,swallowed\nDee,too\n");

        assertFails(
                () -> rows(csv),
                Kind.UNCLOSED_QUOTE,
                3,
                "Row 3: a quoted cell is never closed: it opens with \" and the file ends before its closing \".");
    }

    @Test
    void textAfterAClosingQuoteFails() {
        assertFails(
                () -> rows(utf8("name,notes\nAnn,\"quoted\" then text\n")),
                Kind.MISPLACED_QUOTE,
                2,
                "Row 2: a quoted cell has text after its closing quote. Inside a quoted cell, a quote is written"
                        + " twice (\"\").");
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsText() {
        assertThat(rows(utf8("name,size\nAnn,5\" screen\n")).get(0).cells()).containsExactly("Ann", "5\" screen");
    }

    @Test
    void aTenMegabyteCellFailsWithoutReadingItWhole() {
        byte[] csv = utf8("name,notes\nAnn,\"" + "x".repeat(10 * 1024 * 1024) + "\"\n");

        assertFails(
                () -> rows(csv),
                Kind.CELL_TOO_LONG,
                2,
                "Row 2: a cell is longer than 1048576 characters, the most a cell may have, or a quote opened in it"
                        + " is never closed.");
    }

    @Test
    void aCellJustOverTheLimitNamesItsColumn() {
        CsvLimits limits = new CsvLimits(10, 100, 500, 1000);
        byte[] csv = utf8("name,notes\nAnn,\"12345678901\"\n");

        assertFails(
                () -> rows(csv, limits),
                Kind.CELL_TOO_LONG,
                2,
                "Row 2, column 2 (\"notes\"): the cell is longer than 10 characters, the most a cell may have (a quote"
                        + " that is never closed makes a cell run to the end of the file).");
    }

    @Test
    void aCellAtTheLimitIsRead() {
        CsvLimits limits = new CsvLimits(10, 100, 500, 1000);

        assertThat(rows(utf8("name,notes\nAnn,1234567890\n"), limits).get(0).cells())
                .containsExactly("Ann", "1234567890");
    }

    @Test
    void aRowOverItsLimitFails() {
        CsvLimits limits = new CsvLimits(10, 25, 500, 1000);

        assertFails(
                () -> rows(utf8("a,b,c\n1234567890,1234567890,1234567890\n"), limits),
                Kind.ROW_TOO_LONG,
                2,
                "Row 2 is longer than 25 characters, the most a row may have.");
    }

    @Test
    void twoThousandColumnsFail() {
        byte[] csv = utf8(String.join(",", Collections.nCopies(2000, "col")) + "\n1,2\n");

        assertFails(
                () -> rows(csv),
                Kind.TOO_MANY_COLUMNS,
                1,
                "The header row has more than 500 columns, the most a file may have.");
    }

    @Test
    void aDataRowWithTooManyCellsFails() {
        byte[] csv = utf8("a,b\n" + String.join(",", Collections.nCopies(501, "1")) + "\n");

        assertFails(
                () -> rows(csv),
                Kind.TOO_MANY_COLUMNS,
                2,
                "Row 2 has more than 500 columns, the most a file may have.");
    }

    @Test
    void aHeaderOverItsLimitFails() {
        byte[] csv = utf8(String.join(",", Collections.nCopies(400, "x".repeat(100))) + "\n");

        assertFails(
                () -> rows(csv),
                Kind.HEADER_TOO_LONG,
                1,
                "The header row is longer than 32768 characters, the most it may have.");
    }

    @Test
    void aFileThatFailsToOpenIsClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(utf8("\n\n")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        assertThatThrownBy(() -> CsvRows.open(in, new CsvFormat(CsvEncoding.UTF_8, 0, ',', false)))
                .isInstanceOf(CsvFileException.class);
        assertThat(closed).isTrue();
    }

    private static void assertFails(ThrowingCallable read, Kind kind, long row, String message) {
        assertThatThrownBy(read)
                .isInstanceOfSatisfying(CsvFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    if (row > 0) {
                        assertThat(e.row()).hasValue(row);
                    } else {
                        assertThat(e.row()).isEmpty();
                    }
                })
                .hasMessage(message);
    }
}
