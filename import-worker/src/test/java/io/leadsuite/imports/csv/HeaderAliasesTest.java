package io.leadsuite.imports.csv;

import static io.leadsuite.imports.csv.TestHeaders.header;
import static io.leadsuite.imports.csv.TestHeaders.standardFields;
import static io.leadsuite.imports.csv.TestHeaders.suggest;
import static io.leadsuite.imports.csv.TestHeaders.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A realistic header row from each export people upload, and what it maps to. */
class HeaderAliasesTest {

    private static final String OUTLOOK =
            "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
                    + "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,"
                    + "Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,"
                    + "Job Title,Department,Company,Office Location,Business Street,Business City,Business Postal Code,"
                    + "Business Country/Region,Notes";

    @ParameterizedTest
    @ValueSource(strings = {"First Name", "first_name", "FIRSTNAME", "first-name", " firstName "})
    void aHeaderThatIsTheFieldsNameIgnoringCaseSpacesDashesAndUnderscoresIsExact(String header) {
        ColumnMapping column = suggest(header + ",x").columns().get(0);

        assertThat(column.target()).isEqualTo(ColumnTarget.standard("firstName"));
        assertThat(column.confidence()).isEqualTo(Confidence.EXACT);
    }

    @Test
    void outlook() {
        HeaderMapping mapping = suggest(OUTLOOK);

        assertThat(standardFields(mapping))
                .containsExactly(
                        entry("firstName", "First Name"),
                        entry("lastName", "Last Name"),
                        entry("email", "E-mail Address"),
                        entry("phone", "Primary Phone"),
                        entry("jobTitle", "Job Title"),
                        entry("companyName", "Company"),
                        entry("notes", "Notes"));
        assertThat(targets(mapping))
                .contains(
                        entry("Title", "customFields.Title"),
                        entry("E-mail 2 Address", "customFields.E-mail 2 Address"),
                        entry("Mobile Phone", "customFields.Mobile Phone"),
                        entry("Business Postal Code", "customFields.Business Postal Code"));
        assertThat(mapping.columns().get(8).confidence()).isEqualTo(Confidence.ALIAS);
        assertThat(mapping.valid()).isTrue();
    }

    @Test
    void outlookWithAnEmptyPrimaryPhoneTakesTheMobilePhone() {
        List<String> header = header(OUTLOOK);
        List<String> cells = new ArrayList<>(Collections.nCopies(header.size(), ""));
        cells.set(header.indexOf("First Name"), "Ann");
        cells.set(header.indexOf("Mobile Phone"), "+1 555 0100");
        cells.set(header.indexOf("Business Phone"), "+1 555 0199");

        HeaderMapping mapping = HeaderMapping.of(header, List.of(new CsvRow(2, cells)), Map.of());

        assertThat(standardFields(mapping)).containsEntry("phone", "Mobile Phone");
        assertThat(targets(mapping))
                .containsEntry("Primary Phone", "customFields.Primary Phone")
                .containsEntry("Business Phone", "customFields.Business Phone");
    }

    @Test
    void googleContactsOldFormat() {
        HeaderMapping mapping = suggest("Name,Given Name,Additional Name,Family Name,Yomi Name,Name Prefix,Nickname,"
                + "Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
                + "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,"
                + "Organization 1 - Name,Organization 1 - Title,Organization 1 - Department");

        assertThat(standardFields(mapping))
                .containsExactly(
                        entry("firstName", "Given Name"),
                        entry("lastName", "Family Name"),
                        entry("notes", "Notes"),
                        entry("email", "E-mail 1 - Value"),
                        entry("phone", "Phone 1 - Value"),
                        entry("companyName", "Organization 1 - Name"),
                        entry("jobTitle", "Organization 1 - Title"));
        assertThat(targets(mapping))
                .containsEntry("Name", "customFields.Name")
                .containsEntry("E-mail 2 - Value", "customFields.E-mail 2 - Value")
                .containsEntry("Phone 1 - Type", "customFields.Phone 1 - Type");
        assertThat(mapping.warnings()).isEmpty();
    }

    @Test
    void googleContactsNewFormat() {
        HeaderMapping mapping = suggest("First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Nickname,"
                + "File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,"
                + "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value");

        assertThat(standardFields(mapping))
                .containsExactly(
                        entry("firstName", "First Name"),
                        entry("lastName", "Last Name"),
                        entry("companyName", "Organization Name"),
                        entry("jobTitle", "Organization Title"),
                        entry("notes", "Notes"),
                        entry("email", "E-mail 1 - Value"),
                        entry("phone", "Phone 1 - Value"));
    }

    @Test
    void hubSpot() {
        HeaderMapping mapping = suggest("Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,"
                + "Company Name,Job Title,LinkedIn URL,Contact owner,Lifecycle Stage,Create Date");

        assertThat(standardFields(mapping))
                .containsExactly(
                        entry("firstName", "First Name"),
                        entry("lastName", "Last Name"),
                        entry("email", "Email"),
                        entry("phone", "Phone Number"),
                        entry("companyName", "Company Name"),
                        entry("jobTitle", "Job Title"),
                        entry("linkedinUrl", "LinkedIn URL"));
        assertThat(targets(mapping))
                .containsEntry("Record ID", "customFields.Record ID")
                .containsEntry("Mobile Phone Number", "customFields.Mobile Phone Number");
    }

    @Test
    void salesforceLeadsReport() {
        HeaderMapping mapping =
                suggest("First Name,Last Name,Title,Company,Email,Phone,Mobile,Lead Source,Lead Status");

        assertThat(standardFields(mapping))
                .containsExactly(
                        entry("firstName", "First Name"),
                        entry("lastName", "Last Name"),
                        entry("jobTitle", "Title"),
                        entry("companyName", "Company"),
                        entry("email", "Email"),
                        entry("phone", "Phone"));
        assertThat(targets(mapping)).containsEntry("Mobile", "customFields.Mobile");
    }

    @Test
    void salesforceContactsReportHasAnAccountName() {
        HeaderMapping mapping = suggest("First Name,Last Name,Title,Account Name,Email,Phone,Mobile");

        assertThat(standardFields(mapping)).containsEntry("companyName", "Account Name");
    }

    @Test
    void companyBeatsAccountName() {
        HeaderMapping mapping = suggest("Account Name,Company,First Name,Last Name,Email,Phone");

        assertThat(standardFields(mapping)).containsEntry("companyName", "Company");
        assertThat(targets(mapping)).containsEntry("Account Name", "customFields.Account Name");
    }

    @Test
    void linkedInConnectionsUrlIsTheProfile() {
        HeaderMapping mapping = suggest("First Name,Last Name,URL,Email Address,Company,Position,Connected On");

        assertThat(standardFields(mapping))
                .containsExactly(
                        entry("firstName", "First Name"),
                        entry("lastName", "Last Name"),
                        entry("linkedinUrl", "URL"),
                        entry("email", "Email Address"),
                        entry("companyName", "Company"),
                        entry("jobTitle", "Position"));
        assertThat(mapping.errors()).extracting(error -> error.field()).containsExactly("phone");
    }

    @Test
    void aUrlOutsideALinkedInExportIsACustomField() {
        assertThat(targets(suggest("First Name,Last Name,Email,Phone,URL"))).containsEntry("URL", "customFields.URL");
    }

    @Test
    void aFullNameIsNotSplit() {
        HeaderMapping mapping = suggest("Full Name,Email,Phone");

        assertThat(targets(mapping)).containsEntry("Full Name", "customFields.Full Name");
        assertThat(mapping.warnings())
                .containsExactly(new CsvWarning(
                        "Full Name",
                        "\"Full Name\" is not split into firstName and lastName: map a column to each of them."));
        assertThat(mapping.errors()).extracting(error -> error.field()).containsExactly("firstName", "lastName");
    }
}
