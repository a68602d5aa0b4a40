package io.leadsuite.imports.csv;

import com.fasterxml.jackson.annotation.JsonValue;
import io.leadsuite.common.lead.LeadFieldNames;
import java.util.Optional;

/**
 * Where a column's values go: a standard lead field, a custom field, or nowhere. Written as a string in
 * a {@code fieldMapping} and in the preview: {@code email}, {@code customFields.Industry}, {@code
 * ignore}.
 *
 * @param name the standard field's or custom field's name; empty for {@link Kind#IGNORE}
 */
public record ColumnTarget(Kind kind, String name) {

    /** The prefix of a custom field target. */
    public static final String CUSTOM_PREFIX = "customFields.";

    /** The target that drops a column. */
    public static final ColumnTarget IGNORE = new ColumnTarget(Kind.IGNORE, "");

    /** What kind of place a column goes to. */
    public enum Kind {
        STANDARD,
        CUSTOM,
        IGNORE
    }

    public static ColumnTarget standard(String field) {
        return new ColumnTarget(Kind.STANDARD, field);
    }

    public static ColumnTarget custom(String name) {
        return new ColumnTarget(Kind.CUSTOM, name);
    }

    /**
     * The target {@code text} names: a standard field's exact name, {@code customFields.<name>} with a
     * name of 1 to {@value LeadFieldNames#MAX_CUSTOM_FIELD_NAME_LENGTH} characters (surrounding spaces
     * dropped), or {@code ignore}; empty for anything else.
     */
    public static Optional<ColumnTarget> parse(String text) {
        if (text.equals("ignore")) {
            return Optional.of(IGNORE);
        }
        if (LeadFieldNames.standard(text).isPresent()) {
            return Optional.of(standard(text));
        }
        if (text.startsWith(CUSTOM_PREFIX)) {
            String name = text.substring(CUSTOM_PREFIX.length()).strip();
            if (!name.isEmpty() && name.length() <= LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH) {
                return Optional.of(custom(name));
            }
        }
        return Optional.empty();
    }

    /** The target as a {@code fieldMapping} writes it. */
    @JsonValue
    @Override
    public String toString() {
        return switch (kind) {
            case STANDARD -> name;
            case CUSTOM -> CUSTOM_PREFIX + name;
            case IGNORE -> "ignore";
        };
    }
}
