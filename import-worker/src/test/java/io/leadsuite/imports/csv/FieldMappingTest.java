package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestHeaders.header;
import static io.leadsuite.imports.csv.TestHeaders.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.leadsuite.common.web.FieldViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A caller's fieldMapping over the suggestions, and its validation. */
class FieldMappingTest {

    private static final List<String> HEADER = header("Vorname,Nachname,E-Mail,Telefon,Mobile,Firma,Notes");

    @Test
    void theFieldMappingOverridesSuggestionsAndTheRestKeepTheirs() {
        HeaderMapping mapping = HeaderMapping.of(
                HEADER,
                List.of(),
                ordered(
                        "Vorname", "firstName",
                        "Nachname", "lastName",
                        "Telefon", "phone",
                        "Firma", "customFields.Firm",
                        "Notes", "ignore"));

        assertThat(mapping.errors()).isEmpty();
        assertThat(targets(mapping))
                .containsExactly(
                        entry("Vorname", "firstName"),
                        entry("Nachname", "lastName"),
                        entry("E-Mail", "email"),
                        entry("Telefon", "phone"),
                        entry("Mobile", "customFields.Mobile"),
                        entry("Firma", "customFields.Firm"),
                        entry("Notes", "ignore"));
        assertThat(mapping.columns().get(4).suggested()).isEqualTo(ColumnTarget.standard("phone"));
        assertThat(mapping.columns().get(6).suggested()).isEqualTo(ColumnTarget.standard("notes"));
    }

    @Test
    void aFieldTheMappingGivesToAnotherColumnLeavesItsSuggestedColumn() {
        HeaderMapping mapping = HeaderMapping.of(
                header("First Name,Last Name,Email,Work Email,Phone"), List.of(), Map.of("Work Email", "email"));

        assertThat(targets(mapping)).containsEntry("Work Email", "email").containsEntry("Email", "customFields.Email");
        assertThat(mapping.valid()).isTrue();
    }

    @Test
    void unknownColumnsUnknownTargetsAndFieldsMappedTwiceAreErrorsNamingTheEntry() {
        HeaderMapping mapping = HeaderMapping.of(
                HEADER,
                List.of(),
                ordered(
                        "Vorname", "firstName",
                        "Nachname", "lastName",
                        "Telefon", "phone",
                        "Mobile", "phone",
                        "Fax", "notes",
                        "Firma", "company",
                        "Notes", "customFields."));

        assertThat(mapping.errors())
                .containsExactly(
                        new FieldViolation("fieldMapping.Mobile", "phone is already mapped from column \"Telefon\"."),
                        new FieldViolation("fieldMapping.Fax", "There is no column \"Fax\" in the header."),
                        new FieldViolation(
                                "fieldMapping.Firma",
                                "\"company\" is not a target: use a standard field (firstName, lastName, email, phone,"
                                        + " companyName, jobTitle, linkedinUrl, notes), customFields.<name> with a name"
                                        + " of 1 to 100 characters, or ignore."),
                        new FieldViolation(
                                "fieldMapping.Notes",
                                "\"customFields.\" is not a target: use a standard field (firstName, lastName, email,"
                                        + " phone, companyName, jobTitle, linkedinUrl, notes), customFields.<name> with"
                                        + " a name of 1 to 100 characters, or ignore."));
    }

    @Test
    void aRequiredFieldLeftUnmappedByTheMappingIsAnErrorNamingIt() {
        HeaderMapping mapping = HeaderMapping.of(
                header("First Name,Last Name,Email,Phone"), List.of(), Map.of("Phone", "customFields.Phone"));

        assertThat(mapping.errors())
                .containsExactly(new FieldViolation("phone", "No column is mapped to phone, which every lead needs."));
    }

    @Test
    void aCustomFieldTakenByAnotherColumnIsAnError() {
        HeaderMapping mapping = HeaderMapping.of(
                header("First Name,Last Name,Email,Phone,Industry,Sector"),
                List.of(),
                Map.of("Sector", "customFields.Industry"));

        assertThat(mapping.errors())
                .containsExactly(new FieldViolation(
                        "fieldMapping.Sector",
                        "customFields.Industry is also the custom field of column \"Industry\": map that column"
                                + " elsewhere, or choose another name."));
    }

    @Test
    void twoEntriesForOneColumnAreAnError() {
        HeaderMapping mapping = HeaderMapping.of(
                header("First Name,Last Name,Email,Phone"), List.of(), ordered("Phone", "phone", " Phone ", "ignore"));

        assertThat(mapping.errors())
                .containsExactly(
                        new FieldViolation("fieldMapping. Phone ", "Column \"Phone\" is mapped by another entry too."));
    }

    @Test
    void aRepeatedHeaderIsMappedByItsNumberedName() {
        HeaderMapping mapping = HeaderMapping.of(
                header("First Name,Last Name,Email,Phone,Email"), List.of(), Map.of("Email (2)", "ignore"));

        assertThat(targets(mapping)).containsEntry("Email (2)", "ignore");
        assertThat(mapping.valid()).isTrue();
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
