package io.leadsuite.imports.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Infers custom fields' types from their text without losing information: a value becomes a number,
 * boolean or date only when that value, sent as JSON to the leads API, means exactly what the cell
 * said. Leading zeros ({@code 00123}), phone numbers ({@code +1 555 0100}, {@code 555-0123}), integers
 * of more than 15 digits, thousands separators and decimal commas stay strings; so does every value of
 * a column whose name says it holds identifiers, codes, postal codes or phone numbers.
 */
public final class FieldTypes {

    private static final int MAX_NUMBER_DIGITS = 15;
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])|[^A-Za-z0-9]+");
    private static final Set<String> TEXT_ONLY_WORDS = Set.of(
            "id",
            "code",
            "zip",
            "zipcode",
            "postal",
            "postcode",
            "postalcode",
            "plz",
            "phone",
            "telephone",
            "tel",
            "mobile",
            "cell",
            "fax");

    private FieldTypes() {}

    /**
     * The type of a column: the type all its non-blank {@code values} share, {@link FieldType#STRING}
     * when they differ, when there are none, or when the column's name has a word such as {@code id},
     * {@code code}, {@code zip}, {@code postal}, {@code phone} or {@code fax}.
     */
    public static FieldType infer(String column, Collection<String> values) {
        if (isTextOnly(column)) {
            return FieldType.STRING;
        }
        Set<FieldType> types = values.stream()
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .map(FieldTypes::typeOf)
                .collect(Collectors.toSet());
        return types.size() == 1 ? types.iterator().next() : FieldType.STRING;
    }

    /** The type of one value on its own. */
    public static FieldType typeOf(String value) {
        String text = value.strip();
        if (isBoolean(text)) {
            return FieldType.BOOLEAN;
        }
        if (isDate(text)) {
            return FieldType.DATE;
        }
        if (number(text) != null) {
            return FieldType.NUMBER;
        }
        return FieldType.STRING;
    }

    /**
     * The JSON value of a cell in a column of type {@code type}: absent ({@code null}) when blank; a
     * {@link Long} or {@link Double} for a number, a {@link Boolean} for a boolean, when the cell is one;
     * otherwise the trimmed text (dates stay ISO-8601 text, which the leads API stores as dates).
     */
    public static @Nullable Object convert(String cell, FieldType type) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        return switch (type) {
            case NUMBER -> {
                Number number = number(text);
                yield number == null ? text : number;
            }
            case BOOLEAN -> isBoolean(text) ? Boolean.valueOf(text.toLowerCase(Locale.ROOT)) : text;
            case STRING, DATE -> text;
        };
    }

    private static boolean isBoolean(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    private static boolean isDate(String text) {
        try {
            if (ISO_DATE.matcher(text).matches()) {
                LocalDate.parse(text);
                return true;
            }
            if (ISO_DATE_TIME.matcher(text).matches()) {
                OffsetDateTime.parse(text);
                return true;
            }
        } catch (DateTimeParseException notARealDate) {
            return false;
        }
        return false;
    }

    /** The number {@code text} spells exactly, or {@code null}. */
    private static @Nullable Number number(String text) {
        if (!NUMBER.matcher(text).matches()
                || text.chars().filter(Character::isDigit).count() > MAX_NUMBER_DIGITS) {
            return null;
        }
        if (text.indexOf('.') < 0) {
            long integer = Long.parseLong(text);
            return Long.toString(integer).equals(text) ? integer : null;
        }
        double decimal = Double.parseDouble(text);
        return new BigDecimal(text).compareTo(BigDecimal.valueOf(decimal)) == 0 ? decimal : null;
    }

    private static boolean isTextOnly(String column) {
        return Arrays.stream(WORD_BOUNDARY.split(column.strip()))
                .map(word -> word.toLowerCase(Locale.ROOT))
                .anyMatch(TEXT_ONLY_WORDS::contains);
    }
}
