package io.leadsuite.leads.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.web.FieldViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeadRulesTest {

    private final LeadRules rules = new LeadRules("US");

    @Test
    void requiresFirstNameLastNameEmailAndPhone() {
        LeadRules.Checked checked =
                rules.check(new LeadInput(TestLeads.fields("firstName", " ", "phone", ""), null, null, null));

        assertThat(checked.violations())
                .extracting(FieldViolation::field)
                .containsExactly("firstName", "lastName", "email", "phone");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+1-555-0123",
                "(415) 555-2671",
                "+44 20 7946 0958",
                "415.555.2671",
                "+1 415 555 2671 ext. 12",
                "0049 30 1234567"
            })
    void acceptsPhoneNumbersAsPeopleWriteThem(String phone) {
        assertThat(rules.check(lead("jane@example.com", phone)).violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "123", "+1 234 567 890 123 456 7", "555-0123; DROP", "=HYPERLINK(1)"})
    void rejectsWhatIsNotAPhoneNumber(String phone) {
        assertThat(rules.check(lead("jane@example.com", phone)).violations())
                .extracting(FieldViolation::field)
                .containsExactly("phone");
    }

    @Test
    void keepsThePhoneAsEnteredAndAddsE164WhenItIsAValidNumber() {
        LeadState valid =
                rules.check(lead("jane@example.com", "(415) 555-2671")).state();
        LeadState fictional =
                rules.check(lead("jane@example.com", "+1-555-0123")).state();

        assertThat(valid.fields().phone()).isEqualTo("(415) 555-2671");
        assertThat(valid.phoneE164()).isEqualTo("+14155552671");
        assertThat(fictional.fields().phone()).isEqualTo("+1-555-0123");
        assertThat(fictional.phoneE164()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "jane@", "@example.com", "jane@example", "jane doe@example.com"})
    void rejectsInvalidEmails(String email) {
        assertThat(rules.check(lead(email, "+1 415 555 2671")).violations())
                .extracting(FieldViolation::field)
                .containsExactly("email");
    }

    @Test
    void acceptsOnlyLinkedInUrls() {
        assertThat(rules.check(withLinkedIn("https://www.linkedin.com/in/janedoe"))
                        .state()
                        .fields()
                        .linkedinUrl())
                .isEqualTo("https://www.linkedin.com/in/janedoe");
        assertThat(rules.check(withLinkedIn("linkedin.com/in/janedoe"))
                        .state()
                        .fields()
                        .linkedinUrl())
                .isEqualTo("https://linkedin.com/in/janedoe");
        for (String bad : new String[] {
            "https://evil.com/in/janedoe",
            "https://linkedin.com.evil.com/in/x",
            "javascript:alert(1)",
            "https://linkedin.com/"
        }) {
            assertThat(rules.check(withLinkedIn(bad)).violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("linkedinUrl");
        }
    }

    @Test
    void keepsCustomFieldNamesExactlyAndTypesTheirValues() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("a.b", "dotted");
        custom.put("$x", 42);
        custom.put("Company Size", 12.5);
        custom.put("Signed", true);
        custom.put("Renewal", "2026-05-31");
        custom.put("Last call", "2026-05-31T09:30:00+02:00");

        LeadState state = rules.check(withCustomFields(custom)).state();

        assertThat(CustomFields.toJson(state.customFields()))
                .containsExactly(
                        Map.entry("a.b", "dotted"),
                        Map.entry("$x", 42L),
                        Map.entry("Company Size", 12.5),
                        Map.entry("Signed", true),
                        Map.entry("Renewal", "2026-05-31"),
                        Map.entry("Last call", "2026-05-31T07:30:00Z"));
    }

    @Test
    void allowsFiftyCustomFieldsAndNamesTheFiftyFirst() {
        Map<String, Object> custom = new LinkedHashMap<>();
        for (int i = 1; i <= 50; i++) {
            custom.put("field " + i, i);
        }
        assertThat(rules.check(withCustomFields(custom)).violations()).isEmpty();

        custom.put("field 51", 51);

        assertThat(rules.check(withCustomFields(custom)).violations())
                .containsExactly(new FieldViolation("customFields.field 51", "a lead has at most 50 custom fields"));
    }

    @Test
    void rejectsCustomFieldValuesThatAreNotScalars() {
        assertThat(rules.check(withCustomFields(Map.of("nested", Map.of("a", 1))))
                        .violations())
                .extracting(FieldViolation::field)
                .containsExactly("customFields.nested");
    }

    @Test
    void emailKeyIgnoresCaseAndSurroundingSpace() {
        assertThat(LeadRules.emailKey("user_1", "  Jane.Doe@Example.COM "))
                .isEqualTo(LeadRules.emailKey("user_1", "jane.doe@example.com"))
                .isNotEqualTo(LeadRules.emailKey("user_2", "jane.doe@example.com"));
    }

    private static LeadInput lead(String email, String phone) {
        return new LeadInput(
                TestLeads.fields("firstName", "Jane", "lastName", "Doe", "email", email, "phone", phone),
                null,
                null,
                null);
    }

    private static LeadInput withLinkedIn(String url) {
        return new LeadInput(
                TestLeads.fields(
                        "firstName",
                        "Jane",
                        "lastName",
                        "Doe",
                        "email",
                        "jane@example.com",
                        "phone",
                        "+1 415 555 2671",
                        "linkedinUrl",
                        url),
                null,
                null,
                null);
    }

    private static LeadInput withCustomFields(Map<String, Object> custom) {
        return new LeadInput(
                TestLeads.fields(
                        "firstName",
                        "Jane",
                        "lastName",
                        "Doe",
                        "email",
                        "jane@example.com",
                        "phone",
                        "+1 415 555 2671"),
                custom,
                null,
                null);
    }
}
