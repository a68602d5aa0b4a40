package io.leadsuite.leads.model;

import io.leadsuite.common.web.FieldViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The standard fields of a lead, and the one table that says what each is: its name in JSON, in the
 * stored document and as a CSV column, and its rule. Validation, merge patches, change detection, the
 * stored document, events, the API view, CSV export and the import template all read {@link #TABLE}, so
 * a new standard field is a component here, its row in the table, and its line in {@link #of}.
 *
 * <p>Before validation the values are as a caller gave them (any may be missing); after {@link
 * LeadRules#check} the required ones are present and each is trimmed and within its bounds.
 */
public record LeadFields(
        @Schema(description = "Required, at most 100 characters", example = "John") @Nullable
        String firstName,

        @Schema(description = "Required, at most 100 characters", example = "Doe") @Nullable
        String lastName,

        @Schema(
                description = "Required, unique among the caller's leads",
                format = "email",
                example = "john.doe@example.com")
        @Nullable
        String email,

        @Schema(
                description = "Required: 7 to 15 digits, optionally with +, spaces, dashes, dots, brackets",
                example = "+1-555-0123")
        @Nullable
        String phone,

        @Schema(description = "At most 200 characters", example = "Acme Corp") @Nullable
        String companyName,

        @Schema(description = "At most 200 characters", example = "Software Engineer") @Nullable
        String jobTitle,

        @Schema(description = "A LinkedIn URL", format = "uri", example = "https://linkedin.com/in/johndoe") @Nullable
        String linkedinUrl,

        @Schema(description = "At most 5000 characters", example = "Interested in our product") @Nullable
        String notes) {

    /** How a field's value is checked and normalised. */
    public enum Rule {
        /** A person's name: required, at most 100 characters. */
        NAME,
        /** A valid email address: required, at most 254 characters. */
        EMAIL,
        /** A phone number as people write it: required; its E.164 form is derived when it is valid. */
        PHONE,
        /** Free text up to 200 characters, optional. */
        TEXT,
        /** A LinkedIn profile or company URL, optional. */
        LINKEDIN_URL,
        /** Free text up to 5000 characters, optional. */
        NOTES
    }

    /**
     * One standard field.
     *
     * @param name its name in JSON, in the document and in CSV headers
     * @param rule how it is checked
     * @param value reads it
     */
    public record Field(String name, Rule rule, Function<LeadFields, @Nullable String> value) {

        public boolean required() {
            return rule == Rule.NAME || rule == Rule.EMAIL || rule == Rule.PHONE;
        }
    }

    /** Every standard field, in the order the API, events and CSV files show them. */
    public static final List<Field> TABLE = List.of(
            new Field("firstName", Rule.NAME, LeadFields::firstName),
            new Field("lastName", Rule.NAME, LeadFields::lastName),
            new Field("email", Rule.EMAIL, LeadFields::email),
            new Field("phone", Rule.PHONE, LeadFields::phone),
            new Field("companyName", Rule.TEXT, LeadFields::companyName),
            new Field("jobTitle", Rule.TEXT, LeadFields::jobTitle),
            new Field("linkedinUrl", Rule.LINKEDIN_URL, LeadFields::linkedinUrl),
            new Field("notes", Rule.NOTES, LeadFields::notes));

    /** The fields with the values of {@code values}, by name; absent names are {@code null}. */
    public static LeadFields of(Map<String, @Nullable String> values) {
        return new LeadFields(
                values.get("firstName"),
                values.get("lastName"),
                values.get("email"),
                values.get("phone"),
                values.get("companyName"),
                values.get("jobTitle"),
                values.get("linkedinUrl"),
                values.get("notes"));
    }

    /** Whether {@code name} is a standard field. */
    public static boolean isField(String name) {
        return TABLE.stream().anyMatch(field -> field.name().equals(name));
    }

    /** The names of the standard fields, in table order. */
    public static List<String> names() {
        return TABLE.stream().map(Field::name).toList();
    }

    /** Every field by name, in table order, with {@code null} for absent values. */
    public Map<String, @Nullable String> toMap() {
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        TABLE.forEach(field -> values.put(field.name(), field.value().apply(this)));
        return values;
    }

    /**
     * These fields with a merge patch's entries for standard fields applied (a string sets, {@code
     * null} clears); entries of other names are ignored here, wrong types add violations.
     */
    LeadFields patched(Map<String, @Nullable Object> patch, List<FieldViolation> violations) {
        Map<String, @Nullable String> values = toMap();
        patch.forEach((name, value) -> {
            if (!isField(name)) {
                return;
            }
            if (value == null || value instanceof String) {
                values.put(name, (String) value);
            } else {
                violations.add(new FieldViolation(name, "must be a string or null"));
            }
        });
        return of(values);
    }
}
