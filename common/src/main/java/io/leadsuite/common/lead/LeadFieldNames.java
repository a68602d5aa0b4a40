package io.leadsuite.common.lead;

import java.util.List;
import java.util.Optional;

/**
 * The names of a lead's standard fields as the leads API, lead events and CSV files spell them, with
 * whether a lead must have each, and the bounds of its custom fields: the contract for deployables that
 * map outside data onto leads (the CSV import, CRM syncs) without seeing leads-service's model.
 * leads-service's {@code LeadFields.TABLE} is the authority; its tests check that this copy agrees.
 */
public final class LeadFieldNames {

    /** The most custom fields one lead may have. */
    public static final int MAX_CUSTOM_FIELDS = 50;

    /** The longest custom field name, in characters. */
    public static final int MAX_CUSTOM_FIELD_NAME_LENGTH = 100;

    /**
     * One standard field.
     *
     * @param name its name in JSON and as a CSV column
     * @param required whether every lead has it
     */
    public record StandardField(String name, boolean required) {}

    /** Every standard field, in the order the API, events and CSV files show them. */
    public static final List<StandardField> STANDARD = List.of(
            new StandardField("firstName", true),
            new StandardField("lastName", true),
            new StandardField("email", true),
            new StandardField("phone", true),
            new StandardField("companyName", false),
            new StandardField("jobTitle", false),
            new StandardField("linkedinUrl", false),
            new StandardField("notes", false));

    private LeadFieldNames() {}

    /** The standard field called {@code name} (exact spelling), if there is one. */
    public static Optional<StandardField> standard(String name) {
        return STANDARD.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** The names of the standard fields, in order. */
    public static List<String> names() {
        return STANDARD.stream().map(StandardField::name).toList();
    }

    /** The names of the required standard fields, in order. */
    public static List<String> requiredNames() {
        return STANDARD.stream()
                .filter(StandardField::required)
                .map(StandardField::name)
                .toList();
    }
}
