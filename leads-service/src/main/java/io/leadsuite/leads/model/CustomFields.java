package io.leadsuite.leads.model;

import io.leadsuite.common.web.FieldViolation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Converts custom fields between their JSON form (a map, names kept exactly) and their stored form (a
 * list of {@link CustomField}), and enforces their rules: at most {@value #MAX_FIELDS} per lead, values
 * that are strings, numbers, booleans or dates.
 */
public final class CustomFields {

    public static final int MAX_FIELDS = 50;
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 2000;

    private static final String DATE = "date";
    private static final String DATE_TIME = "datetime";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private CustomFields() {}

    /** The stored form of {@code values}; each rejected entry adds a violation instead. */
    static List<CustomField> fromJson(@Nullable Map<String, Object> values, List<FieldViolation> violations) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<CustomField> fields = new ArrayList<>();
        int count = 0;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            count++;
            String name = entry.getKey();
            String path = "customFields." + name;
            if (count > MAX_FIELDS) {
                violations.add(new FieldViolation(path, "a lead has at most " + MAX_FIELDS + " custom fields"));
                continue;
            }
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                violations.add(
                        new FieldViolation(path, "a custom field name has 1 to " + MAX_NAME_LENGTH + " characters"));
                continue;
            }
            CustomField field = toField(name, entry.getValue());
            if (field == null) {
                violations.add(new FieldViolation(
                        path,
                        "must be a string (at most " + MAX_TEXT_LENGTH + " characters), number, boolean or date"));
            } else {
                fields.add(field);
            }
        }
        return List.copyOf(fields);
    }

    /** The JSON form, in stored order. */
    public static Map<String, Object> toJson(List<CustomField> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (CustomField field : fields) {
            values.put(field.k(), jsonValue(field));
        }
        return values;
    }

    static Object jsonValue(CustomField field) {
        if (field.v() instanceof Date date) {
            Instant instant = date.toInstant();
            return DATE.equals(field.t())
                    ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString()
                    : instant.toString();
        }
        return field.v();
    }

    /**
     * Every stored value that a filter value from a query string can mean: the text itself, and the
     * number, boolean or date it spells.
     */
    public static List<Object> filterCandidates(String text) {
        List<Object> candidates = new ArrayList<>();
        candidates.add(text);
        CustomField typed = toField("", text);
        if (typed != null && typed.v() instanceof Date date) {
            candidates.add(date);
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            candidates.add(Boolean.parseBoolean(text));
        }
        try {
            BigDecimal number = new BigDecimal(text.strip());
            candidates.add(number.doubleValue());
            candidates.add(number.longValueExact());
        } catch (NumberFormatException | ArithmeticException notANumberOrNotWhole) {
            // Only what was added so far.
        }
        return candidates;
    }

    private static @Nullable CustomField toField(String name, Object value) {
        if (value instanceof String text) {
            if (text.length() > MAX_TEXT_LENGTH) {
                return null;
            }
            if (ISO_DATE.matcher(text).matches()) {
                try {
                    return new CustomField(
                            name,
                            Date.from(LocalDate.parse(text)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()),
                            DATE);
                } catch (DateTimeParseException notADate) {
                    return new CustomField(name, text, null);
                }
            }
            if (ISO_DATE_TIME.matcher(text).matches()) {
                try {
                    return new CustomField(
                            name, Date.from(OffsetDateTime.parse(text).toInstant()), DATE_TIME);
                } catch (DateTimeParseException notADateTime) {
                    return new CustomField(name, text, null);
                }
            }
            return new CustomField(name, text, null);
        }
        if (value instanceof Boolean) {
            return new CustomField(name, value, null);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return new CustomField(name, ((Number) value).longValue(), null);
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? new CustomField(name, big.longValue(), null) : null;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? new CustomField(name, number, null) : null;
        }
        if (value instanceof Date date) {
            return new CustomField(name, date, DATE_TIME);
        }
        return null;
    }
}
