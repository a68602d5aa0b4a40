package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestHeaders.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LeadRowConverterTest {

    private static final HeaderMapping MAPPING = HeaderMapping.of(
            header("First Name,Last Name,E-mail Address,Mobile Phone,Company,Employees,Zip,Customer since,Fax"),
            List.of(),
            Map.of("Fax", "ignore"));

    private static final LeadRowConverter CONVERTER = new LeadRowConverter(
            MAPPING, Map.of("Employees", FieldType.NUMBER, "Zip", FieldType.STRING, "Customer since", FieldType.DATE));

    @Test
    void aRowBecomesTheLeadsApisJsonInput() {
        List<String> cells = List.of(
                " Ann ", "Lee", "ann@example.com", "+1 555 0100", "", "250", "02134", "2024-03-05", "+1 555 0199");

        LeadRow row = CONVERTER.convert(new CsvRow(7, cells));

        assertThat(row.valid()).isTrue();
        assertThat(row.row()).isEqualTo(7);
        assertThat(row.cells()).isEqualTo(cells);
        assertThat(JsonMapper.builder().build().writeValueAsString(row.lead()))
                .isEqualTo("{\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"email\":\"ann@example.com\","
                        + "\"phone\":\"+1 555 0100\","
                        + "\"customFields\":{\"Employees\":250,\"Zip\":\"02134\",\"Customer since\":\"2024-03-05\"}}");
    }

    @Test
    void aValueThatDoesNotFitItsColumnsTypeStaysText() {
        LeadRow row =
                CONVERTER.convert(new CsvRow(2, List.of("Ann", "Lee", "a@x.io", "1", "", "about 50", "", "soon", "")));

        assertThat(row.lead().get("customFields")).isEqualTo(Map.of("Employees", "about 50", "Customer since", "soon"));
    }

    @Test
    void blankStandardAndCustomFieldsAreAbsent() {
        LeadRow row = CONVERTER.convert(new CsvRow(2, List.of("Ann", " ", "", "", "", "", "", "", "")));

        assertThat(row.lead()).containsExactly(Map.entry("firstName", "Ann"));
    }

    @Test
    void aRowWithFewerCellsThanTheHeaderIsARowError() {
        List<String> cells = List.of("Ann", "Lee", "ann@example.com");

        LeadRow row = CONVERTER.convert(new CsvRow(12, cells));

        assertThat(row.valid()).isFalse();
        assertThat(row.lead()).isEmpty();
        assertThat(row.cells()).isEqualTo(cells);
        assertThat(row.errors()).containsExactly(new RowError(12, null, "Row 12 has 3 cells, but the header has 9."));
    }

    @Test
    void aRowWithMoreCellsIsARowErrorUnlessTheExtraOnesAreBlank() {
        List<String> nine = List.of("Ann", "Lee", "a@x.io", "1", "", "", "", "", "");
        List<String> trailingBlank = new ArrayList<>(nine);
        trailingBlank.addAll(List.of("", " "));
        List<String> extraValue = new ArrayList<>(nine);
        extraValue.add("surprise");

        assertThat(CONVERTER.convert(new CsvRow(3, trailingBlank)).valid()).isTrue();
        assertThat(CONVERTER.convert(new CsvRow(4, extraValue)).errors())
                .containsExactly(new RowError(4, null, "Row 4 has 10 cells, but the header has 9."));
    }
}
