package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestHeaders.suggest;
import static io.leadsuite.imports.csv.TestHeaders.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMappingTest {

    private static final String REQUIRED = "First Name,Last Name,Email,Phone";

    @Test
    void eachColumnHasItsSuggestionAndConfidence() {
        HeaderMapping mapping = suggest(REQUIRED + ",E-mail Address, Industry ");

        assertThat(mapping.columns())
                .containsExactly(
                        new ColumnMapping(
                                0,
                                "First Name",
                                ColumnTarget.standard("firstName"),
                                Confidence.EXACT,
                                ColumnTarget.standard("firstName")),
                        new ColumnMapping(
                                1,
                                "Last Name",
                                ColumnTarget.standard("lastName"),
                                Confidence.EXACT,
                                ColumnTarget.standard("lastName")),
                        new ColumnMapping(
                                2,
                                "Email",
                                ColumnTarget.standard("email"),
                                Confidence.EXACT,
                                ColumnTarget.standard("email")),
                        new ColumnMapping(
                                3,
                                "Phone",
                                ColumnTarget.standard("phone"),
                                Confidence.EXACT,
                                ColumnTarget.standard("phone")),
                        new ColumnMapping(
                                4,
                                "E-mail Address",
                                ColumnTarget.custom("E-mail Address"),
                                Confidence.NONE,
                                ColumnTarget.custom("E-mail Address")),
                        new ColumnMapping(
                                5,
                                "Industry",
                                ColumnTarget.custom("Industry"),
                                Confidence.NONE,
                                ColumnTarget.custom("Industry")));
        assertThat(mapping.valid()).isTrue();
        assertThat(mapping.warnings()).isEmpty();
    }

    @Test
    void anExactNameBeatsAnAliasWhereverItStands() {
        HeaderMapping mapping = suggest("E-mail Address,First Name,Last Name,Phone,email");

        assertThat(targets(mapping))
                .containsEntry("email", "email")
                .containsEntry("E-mail Address", "customFields.E-mail Address");
    }

    @Test
    void amongEqualCandidatesTheLeftmostWins() {
        HeaderMapping mapping = suggest(REQUIRED + ",Mobile,Cell Phone");

        assertThat(targets(mapping)).containsEntry("Mobile", "customFields.Mobile");
        assertThat(targets(suggest("First Name,Last Name,Email,Cell Phone,Mobile")))
                .containsEntry("Cell Phone", "phone")
                .containsEntry("Mobile", "customFields.Mobile");
    }

    @Test
    void phonePriorityGenericThenMobileThenBusinessThenHome() {
        assertThat(targets(suggest("First Name,Last Name,Email,Home Phone,Business Phone,Mobile Phone,Phone Number")))
                .containsEntry("Phone Number", "phone");
        assertThat(targets(suggest("First Name,Last Name,Email,Home Phone,Business Phone,Mobile Phone")))
                .containsEntry("Mobile Phone", "phone");
        assertThat(targets(suggest("First Name,Last Name,Email,Home Phone,Business Phone")))
                .containsEntry("Business Phone", "phone");
        assertThat(targets(suggest("First Name,Last Name,Email,Home Phone"))).containsEntry("Home Phone", "phone");
    }

    @Test
    void aRepeatedHeaderGetsANumberAndAWarning() {
        HeaderMapping mapping = suggest(REQUIRED + ",Email,Tag,Tag,Tag (2)");

        assertThat(targets(mapping))
                .containsExactly(
                        entry("First Name", "firstName"),
                        entry("Last Name", "lastName"),
                        entry("Email", "email"),
                        entry("Phone", "phone"),
                        entry("Email (2)", "customFields.Email (2)"),
                        entry("Tag", "customFields.Tag"),
                        entry("Tag (3)", "customFields.Tag (3)"),
                        entry("Tag (2)", "customFields.Tag (2)"));
        assertThat(mapping.warnings())
                .containsExactly(
                        new CsvWarning(
                                "Email (2)", "Column 5 repeats the header \"Email\"; it is called \"Email (2)\" here."),
                        new CsvWarning(
                                "Tag (3)", "Column 7 repeats the header \"Tag\"; it is called \"Tag (3)\" here."));
    }

    @Test
    void columnsWithoutAHeaderAreIgnoredWithOneWarning() {
        HeaderMapping mapping = suggest(REQUIRED + ",, ,Industry,");

        assertThat(mapping.columns())
                .extracting(ColumnMapping::target)
                .containsExactly(
                        ColumnTarget.standard("firstName"),
                        ColumnTarget.standard("lastName"),
                        ColumnTarget.standard("email"),
                        ColumnTarget.standard("phone"),
                        ColumnTarget.IGNORE,
                        ColumnTarget.IGNORE,
                        ColumnTarget.custom("Industry"),
                        ColumnTarget.IGNORE);
        assertThat(mapping.warnings())
                .containsExactly(new CsvWarning(null, "Columns 5, 6, 8 have no header and are ignored."));
    }

    @Test
    void aHeaderTooLongForACustomFieldNameIsIgnoredWithAWarning() {
        String longHeader = "x".repeat(101);

        HeaderMapping mapping = suggest(REQUIRED + "," + longHeader);

        assertThat(mapping.columns().get(4).target()).isEqualTo(ColumnTarget.IGNORE);
        assertThat(mapping.warnings())
                .singleElement()
                .satisfies(warning -> assertThat(warning.message()).startsWith("Column 5's header is longer than 100"));
    }

    @Test
    void moreCustomColumnsThanALeadKeepsWarn() {
        StringBuilder header = new StringBuilder(REQUIRED);
        for (int i = 0; i < 51; i++) {
            header.append(",c").append(i);
        }

        HeaderMapping mapping = HeaderMapping.of(TestHeaders.header(header.toString()), List.of(), Map.of());

        assertThat(mapping.warnings())
                .extracting(CsvWarning::message)
                .containsExactly("51 columns become custom fields, and a lead has at most 50: rows with more than 50 of"
                        + " them filled will be rejected. Map the columns you do not need to ignore.");
    }

    @Test
    void missingRequiredFieldsAreErrorsNamingThem() {
        HeaderMapping mapping = suggest("First Name,Email,Notes");

        assertThat(mapping.valid()).isFalse();
        assertThat(mapping.errors())
                .extracting(error -> error.field() + ": " + error.message())
                .containsExactly(
                        "lastName: No column is mapped to lastName, which every lead needs.",
                        "phone: No column is mapped to phone, which every lead needs.");
    }
}
