package io.leadsuite.simulators.hubspot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /crm/v3/objects/contacts/search}: filter groups (OR between groups, AND
 * inside one; at most 5 groups, 10 filters each, 25 in all), one sort, the properties to return, a page
 * of at most 200 from offset {@code after}. HubSpot answers at most {@value #MAX_RESULTS} results per
 * query: {@code after} at or past it is a 400.
 */
final class ContactSearch {

    static final int MAX_RESULTS = 10_000;
    private static final int MAX_LIMIT = 200;
    private static final List<String> NUMERIC = List.of("hs_object_id");
    private static final List<String> DATES = List.of("createdate", "lastmodifieddate");
    private static final List<String> OPERATORS =
            List.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY");

    record Query(
            Predicate<Map<String, String>> filter,
            Comparator<Map<String, String>> order,
            List<String> properties,
            int limit,
            int after) {}

    private ContactSearch() {}

    static Query parse(JsonNode body) {
        List<Predicate<Map<String, String>>> groups = new ArrayList<>();
        JsonNode filterGroups = body.path("filterGroups");
        if (filterGroups.size() > 5) {
            throw new IllegalArgumentException("at most 5 filterGroups are allowed");
        }
        int total = 0;
        for (JsonNode group : filterGroups) {
            Predicate<Map<String, String>> all = contact -> true;
            JsonNode filters = group.path("filters");
            if (filters.size() > 10) {
                throw new IllegalArgumentException("at most 10 filters per filterGroup are allowed");
            }
            total += filters.size();
            for (JsonNode filter : filters) {
                all = all.and(filter(filter));
            }
            groups.add(all);
        }
        if (total > 25) {
            throw new IllegalArgumentException("at most 25 filters are allowed in all");
        }
        Predicate<Map<String, String>> filter =
                groups.isEmpty() ? contact -> true : groups.stream().reduce(contact -> false, Predicate::or);
        Comparator<Map<String, String>> order = Comparator.comparing(ContactSearch::id);
        JsonNode sort = body.path("sorts").path(0);
        if (!sort.isMissingNode()) {
            String property = sort.path("propertyName").asString("");
            Comparator<Map<String, String>> byProperty = Comparator.comparing(
                    contact -> comparable(property, contact.get(property)),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            byProperty = byProperty.thenComparing(ContactSearch::id);
            order = "DESCENDING".equals(sort.path("direction").asString("ASCENDING"))
                    ? byProperty.reversed()
                    : byProperty;
        }
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(name -> properties.add(name.asString("")));
        if (properties.isEmpty()) {
            properties.addAll(List.of("email", "firstname", "lastname"));
        }
        int limit = body.path("limit").asInt(10);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        int after;
        try {
            after = Integer.parseInt(body.path("after").asString("0"));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("after must be a number");
        }
        return new Query(filter, order, properties, limit, Math.max(0, after));
    }

    private static Predicate<Map<String, String>> filter(JsonNode filter) {
        String property = filter.path("propertyName").asString("");
        String operator = filter.path("operator").asString("EQ");
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("operator " + operator + " is not supported");
        }
        String value = filter.path("value").asString(null);
        List<Comparable<?>> values = new ArrayList<>();
        filter.path("values").forEach(v -> values.add(comparable(property, v.asString(""))));
        Comparable<?> operand = value == null ? null : comparable(property, value);
        if (operand == null && !operator.endsWith("HAS_PROPERTY") && !operator.endsWith("IN")) {
            throw new IllegalArgumentException("filter on " + property + " needs a valid value");
        }
        return contact -> {
            Comparable<?> actual = comparable(property, contact.get(property));
            return switch (operator) {
                case "HAS_PROPERTY" -> actual != null;
                case "NOT_HAS_PROPERTY" -> actual == null;
                case "IN" -> actual != null && values.contains(actual);
                case "NOT_IN" -> actual == null || !values.contains(actual);
                default -> actual != null && holds(operator, compare(actual, operand));
            };
        };
    }

    private static boolean holds(String operator, int comparison) {
        return switch (operator) {
            case "EQ" -> comparison == 0;
            case "NEQ" -> comparison != 0;
            case "LT" -> comparison < 0;
            case "LTE" -> comparison <= 0;
            case "GT" -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable actual, Comparable operand) {
        return actual.compareTo(operand);
    }

    private static long id(Map<String, String> contact) {
        return Long.parseLong(contact.get("hs_object_id"));
    }

    /**
     * A property value in the type it compares as: ids as numbers, dates as epoch milliseconds (the
     * filter sends milliseconds, the record holds ISO text), text case-insensitively.
     */
    @SuppressWarnings("rawtypes")
    private static @Nullable Comparable comparable(String property, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (NUMERIC.contains(property)) {
                return Long.parseLong(value);
            }
            if (DATES.contains(property)) {
                return value.chars().allMatch(Character::isDigit)
                        ? Long.parseLong(value)
                        : Instant.parse(value).toEpochMilli();
            }
        } catch (NumberFormatException | DateTimeParseException ex) {
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
