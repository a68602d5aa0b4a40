package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestCsv.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.leadsuite.common.web.FieldViolation;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CsvPreviewTest {

    private static final String HEADER =
            "sep=;\r\nFirst Name;Last Name;Email Address;Phone;Employees;Zip;Newsletter;Tag;Tag\r\n";

    private static String rows(int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            rows.append("Ann")
                    .append(i)
                    .append(";Lee;ann")
                    .append(i)
                    .append("@example.com;+1 555 01")
                    .append(i % 100)
                    .append(";")
                    .append(i * 10)
                    .append(";0")
                    .append(1000 + i)
                    .append(";")
                    .append(i % 2 == 0)
                    .append(";a;b\r\n");
        }
        return rows.toString();
    }

    @Test
    void previewsFormatHeaderMappingTypesAndTheFirstFiveRows() {
        CsvPreview preview = CsvPreview.of(new CsvHead(TestCsv.utf8WithBom(HEADER + rows(8)), true), Map.of());

        assertThat(preview.format()).isEqualTo(new CsvFormat(CsvEncoding.UTF_8, 3, ';', true));
        assertThat(preview.header())
                .containsExactly(
                        "First Name",
                        "Last Name",
                        "Email Address",
                        "Phone",
                        "Employees",
                        "Zip",
                        "Newsletter",
                        "Tag",
                        "Tag");
        assertThat(preview.headerRow()).isEqualTo(1);
        assertThat(preview.columns())
                .extracting(column -> column.column() + " → " + column.target() + " (" + column.confidence() + ")")
                .containsExactly(
                        "First Name → firstName (EXACT)",
                        "Last Name → lastName (EXACT)",
                        "Email Address → email (ALIAS)",
                        "Phone → phone (EXACT)",
                        "Employees → customFields.Employees (NONE)",
                        "Zip → customFields.Zip (NONE)",
                        "Newsletter → customFields.Newsletter (NONE)",
                        "Tag → customFields.Tag (NONE)",
                        "Tag (2) → customFields.Tag (2) (NONE)");
        assertThat(preview.customFieldTypes())
                .containsExactly(
                        entry("Employees", FieldType.NUMBER),
                        entry("Zip", FieldType.STRING),
                        entry("Newsletter", FieldType.BOOLEAN),
                        entry("Tag", FieldType.STRING),
                        entry("Tag (2)", FieldType.STRING));
        assertThat(preview.warnings()).extracting(CsvWarning::column).containsExactly("Tag (2)");
        assertThat(preview.errors()).isEmpty();
        assertThat(preview.sampledRows()).isEqualTo(8);
        assertThat(preview.rows()).extracting(LeadRow::row).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(preview.rows().get(1).lead())
                .containsEntry("email", "ann2@example.com")
                .containsEntry(
                        "customFields",
                        Map.of("Employees", 20L, "Zip", "01002", "Newsletter", true, "Tag", "a", "Tag (2)", "b"));
    }

    @Test
    void itsJsonNamesEncodingsConfidencesAndTypesInLowerCase() {
        byte[] file = TestCsv.windows1252(HEADER + rows(1).replace("Ann1", "Renée"));
        CsvPreview preview = CsvPreview.of(new CsvHead(file, true), Map.of());

        String json = JsonMapper.builder().build().writeValueAsString(preview);

        assertThat(json)
                .contains("\"encoding\":\"windows-1252\"")
                .contains("\"firstName\":\"Renée\"")
                .contains("\"delimiter\":\";\"")
                .contains("\"suggested\":\"email\",\"confidence\":\"alias\",\"target\":\"email\"")
                .contains(
                        "\"customFieldTypes\":{\"Employees\":\"number\",\"Zip\":\"string\",\"Newsletter\":\"boolean\"");
    }

    @Test
    void aFieldMappingChangesThePreviewAndItsErrorsNameTheEntries() {
        CsvPreview preview = CsvPreview.of(
                new CsvHead(utf8(HEADER + rows(2)), true),
                Map.of("Phone", "ignore", "Zip", "customFields.Postcode", "Nope", "email"));

        assertThat(preview.errors())
                .containsExactlyInAnyOrder(
                        new FieldViolation("fieldMapping.Nope", "There is no column \"Nope\" in the header."),
                        new FieldViolation("phone", "No column is mapped to phone, which every lead needs."));
        assertThat(preview.customFieldTypes()).containsKey("Postcode").doesNotContainKey("Zip");
        assertThat(preview.rows().get(0).lead()).doesNotContainKey("phone");
    }

    @Test
    void aHeadCutInsideARowSamplesOnlyTheCompleteRows() {
        byte[] file = utf8("First Name,Last Name,Email,Phone,Notes\n"
                + "Ann,Lee,a@x.io,+1 555 0100,\"a long note\nthat goes on\"\n"
                + "Bo,Kim,b@x.io,+1 555 0101,short\n".repeat(3000));
        CsvHead head = CsvHead.read(new ByteArrayInputStream(file));

        CsvPreview preview = CsvPreview.of(head, Map.of());

        assertThat(head.wholeFile()).isFalse();
        assertThat(preview.sampledRows()).isEqualTo(CsvPreview.MAX_SAMPLED_ROWS);
        assertThat(preview.rows().get(0).lead()).containsEntry("notes", "a long note\nthat goes on");
        assertThat(preview.rows().get(1).row()).isEqualTo(4);
    }

    @Test
    void aHeadCutInsideAMultiLineCellEndsTheSampleBeforeItsRow() {
        String start = "First Name,Last Name,Email,Phone,Notes\nAnn,Lee,a@x.io,+1 555 0100,fine\nBo,Kim,b@x.io,1,\"";
        byte[] head = utf8(start + "line\n".repeat((CsvHead.MAX_BYTES - start.length()) / 5));

        CsvPreview preview = CsvPreview.of(new CsvHead(head, false), Map.of());

        assertThat(preview.sampledRows()).isEqualTo(1);
    }

    @Test
    void aUtf16HeadIsCutAtACharactersLineBreak() {
        String text = "First Name\tLast Name\tEmail\tPhone\n" + "Zoë\tLee\tz@x.io\t+1 555 0100\n".repeat(2000);
        byte[] file = TestCsv.utf16LeWithBom(text);

        CsvPreview preview = CsvPreview.of(CsvHead.read(new ByteArrayInputStream(file)), Map.of());

        assertThat(preview.format().encoding()).isEqualTo(CsvEncoding.UTF_16LE);
        assertThat(preview.rows().get(0).lead()).containsEntry("firstName", "Zoë");
        assertThat(preview.sampledRows()).isEqualTo(CsvPreview.MAX_SAMPLED_ROWS);
    }

    @Test
    void aHeaderThatDoesNotEndInTheHeadFails() {
        byte[] head = utf8("x,".repeat(CsvHead.MAX_BYTES / 2));

        assertThatThrownBy(() -> CsvPreview.of(new CsvHead(head, false), Map.of()))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("The header row does not end within the first 64 KiB of the file.");
    }

    @Test
    void theConverterConvertsRowsOfTheWholeFileAsThePreviewDoes() {
        byte[] file = utf8(HEADER + rows(3));
        CsvPreview preview = CsvPreview.of(new CsvHead(file, true), Map.of());
        LeadRowConverter converter = preview.converter();

        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(file), preview.format())) {
            assertThat(rows.header()).isEqualTo(preview.header());
            assertThat(rows).toIterable().map(converter::convert).containsExactlyElementsOf(preview.rows());
        }
    }
}
