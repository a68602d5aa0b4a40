package io.leadsuite.imports.csv;

import io.leadsuite.common.lead.LeadFieldNames;
import io.leadsuite.common.web.FieldViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Builds a {@link HeaderMapping}: names the columns, suggests targets, applies and checks a {@code fieldMapping}. */
final class HeaderMapper {

    private final List<String> header;
    private final List<CsvRow> sample;
    private final String[] names;
    private final List<CsvWarning> warnings = new ArrayList<>();
    private final List<FieldViolation> errors = new ArrayList<>();

    private HeaderMapper(List<String> header, List<CsvRow> sample) {
        this.header = header;
        this.sample = sample;
        this.names = columnNames();
    }

    static HeaderMapping map(List<String> header, List<CsvRow> sample, Map<String, String> fieldMapping) {
        HeaderMapper mapper = new HeaderMapper(header, sample);
        boolean linkedIn = Aliases.isLinkedInExport(header);
        List<Optional<Aliases.Match>> matches = new ArrayList<>();
        for (String name : mapper.names) {
            matches.add(name.isEmpty() ? Optional.empty() : Aliases.match(name, linkedIn));
        }
        Map<Integer, ColumnTarget> suggested = mapper.assign(matches, Map.of());
        Map<Integer, ColumnTarget> chosen = mapper.checkFieldMapping(fieldMapping);
        Map<Integer, ColumnTarget> targets = chosen.isEmpty() ? suggested : mapper.assign(matches, chosen);
        List<ColumnMapping> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            ColumnTarget suggestion = suggested.get(i);
            Confidence confidence = matches.get(i)
                    .filter(match -> suggestion.equals(ColumnTarget.standard(match.field())))
                    .map(Aliases.Match::confidence)
                    .orElse(Confidence.NONE);
            columns.add(new ColumnMapping(i, mapper.names[i], suggestion, confidence, targets.get(i)));
        }
        mapper.checkResult(columns);
        return new HeaderMapping(header, columns, mapper.warnings, mapper.errors);
    }

    /**
     * Each column's name: the header stripped of surrounding spaces; a repeated header gets " (2)", " (3)"
     * and so on, the first number that no other column has. Warns about repeated and empty headers.
     */
    private String[] columnNames() {
        String[] result = new String[header.size()];
        Set<String> written = header.stream().map(String::strip).collect(Collectors.toSet());
        Set<String> taken = new HashSet<>();
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                empty.add(i + 1);
            } else if (!taken.add(name)) {
                String repeated = name;
                int number = 2;
                while (written.contains(repeated + " (" + number + ")")
                        || taken.contains(repeated + " (" + number + ")")) {
                    number++;
                }
                name = repeated + " (" + number + ")";
                taken.add(name);
                warnings.add(new CsvWarning(
                        name,
                        "Column " + (i + 1) + " repeats the header \"" + repeated + "\"; it is called \"" + name
                                + "\" here."));
            }
            result[i] = name;
        }
        if (empty.size() == 1) {
            warnings.add(new CsvWarning(null, "Column " + empty.get(0) + " has no header and is ignored."));
        } else if (!empty.isEmpty()) {
            warnings.add(new CsvWarning(
                    null,
                    "Columns "
                            + empty.stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + " have no header and are ignored."));
        }
        return result;
    }

    /**
     * The {@code fieldMapping}'s targets by column index; each entry that names no column or no target,
     * or a field another entry already has, adds an error instead.
     */
    private Map<Integer, ColumnTarget> checkFieldMapping(Map<String, String> fieldMapping) {
        Map<Integer, ColumnTarget> chosen = new LinkedHashMap<>();
        Map<ColumnTarget, String> columnOf = new HashMap<>();
        fieldMapping.forEach((column, text) -> {
            String path = "fieldMapping." + column;
            int index = indexOf(column.strip());
            if (index < 0) {
                errors.add(new FieldViolation(path, "There is no column \"" + column.strip() + "\" in the header."));
                return;
            }
            if (chosen.containsKey(index)) {
                errors.add(new FieldViolation(path, "Column \"" + names[index] + "\" is mapped by another entry too."));
                return;
            }
            Optional<ColumnTarget> target = ColumnTarget.parse(text == null ? "" : text);
            if (target.isEmpty()) {
                errors.add(new FieldViolation(
                        path,
                        "\"" + text + "\" is not a target: use a standard field ("
                                + String.join(", ", LeadFieldNames.names()) + "), customFields.<name> with a name of"
                                + " 1 to " + LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH + " characters, or"
                                + " ignore."));
                return;
            }
            ColumnTarget value = target.get();
            if (value.kind() != ColumnTarget.Kind.IGNORE) {
                String other = columnOf.putIfAbsent(value, names[index]);
                if (other != null) {
                    errors.add(new FieldViolation(path, value + " is already mapped from column \"" + other + "\"."));
                    return;
                }
            }
            chosen.put(index, value);
        });
        return chosen;
    }

    /**
     * Every column's target: {@code chosen} where it has one; each standard field not chosen goes to its
     * best matching column among the rest (one with values in the sample before an empty one, then the
     * lowest alias rank, then the leftmost); every other column becomes a custom field named as the
     * column, except columns without a header and names too long for a custom field, which are ignored.
     */
    private Map<Integer, ColumnTarget> assign(
            List<Optional<Aliases.Match>> matches, Map<Integer, ColumnTarget> chosen) {
        Map<Integer, ColumnTarget> targets = new HashMap<>(chosen);
        Set<String> taken = chosen.values().stream()
                .filter(target -> target.kind() == ColumnTarget.Kind.STANDARD)
                .map(ColumnTarget::name)
                .collect(Collectors.toSet());
        Comparator<Integer> preference = Comparator.<Integer>comparingInt(index -> hasValues(index) ? 0 : 1)
                .thenComparingInt(index -> matches.get(index).orElseThrow().rank())
                .thenComparingInt(index -> index);
        for (String field : LeadFieldNames.names()) {
            if (taken.contains(field)) {
                continue;
            }
            IntStream.range(0, header.size())
                    .boxed()
                    .filter(index -> !targets.containsKey(index))
                    .filter(index -> matches.get(index)
                            .filter(match -> match.field().equals(field))
                            .isPresent())
                    .min(preference)
                    .ifPresent(index -> targets.put(index, ColumnTarget.standard(field)));
        }
        for (int i = 0; i < header.size(); i++) {
            if (!targets.containsKey(i)) {
                boolean usable =
                        !names[i].isEmpty() && names[i].length() <= LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH;
                targets.put(i, usable ? ColumnTarget.custom(names[i]) : ColumnTarget.IGNORE);
            }
        }
        return targets;
    }

    /** Checks the final targets: no custom field twice, every required field mapped; warns about the rest. */
    private void checkResult(List<ColumnMapping> columns) {
        Map<ColumnTarget, String> columnOf = new HashMap<>();
        for (ColumnMapping column : columns) {
            ColumnTarget target = column.target();
            if (target.kind() == ColumnTarget.Kind.CUSTOM) {
                String other = columnOf.putIfAbsent(target, column.column());
                if (other != null) {
                    String mapped = other.equals(target.name()) ? column.column() : other;
                    String named = other.equals(target.name()) ? other : column.column();
                    errors.add(new FieldViolation(
                            "fieldMapping." + mapped,
                            target + " is also the custom field of column \"" + named
                                    + "\": map that column elsewhere, or choose another name."));
                }
            }
            if (target.kind() == ColumnTarget.Kind.IGNORE
                    && column.column().length() > LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH) {
                warnings.add(
                        new CsvWarning(
                                column.column(),
                                "Column " + (column.index() + 1) + "'s header is longer than "
                                        + LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH
                                        + " characters, too long for a custom"
                                        + " field name, so it is ignored; map it to customFields.<a shorter name> to keep it."));
            }
        }
        Set<String> mapped = columns.stream()
                .map(ColumnMapping::target)
                .filter(target -> target.kind() == ColumnTarget.Kind.STANDARD)
                .map(ColumnTarget::name)
                .collect(Collectors.toSet());
        for (String field : LeadFieldNames.requiredNames()) {
            if (!mapped.contains(field)) {
                errors.add(new FieldViolation(field, "No column is mapped to " + field + ", which every lead needs."));
            }
        }
        if (!mapped.contains("firstName") || !mapped.contains("lastName")) {
            columns.stream()
                    .filter(column -> Aliases.FULL_NAMES.contains(Aliases.normalize(column.column())))
                    .findFirst()
                    .ifPresent(column -> warnings.add(new CsvWarning(
                            column.column(),
                            "\"" + column.column() + "\" is not split into firstName and lastName: map a column to"
                                    + " each of them.")));
        }
        long custom = columns.stream()
                .filter(column -> column.target().kind() == ColumnTarget.Kind.CUSTOM)
                .count();
        if (custom > LeadFieldNames.MAX_CUSTOM_FIELDS) {
            warnings.add(new CsvWarning(
                    null,
                    custom + " columns become custom fields, and a lead has at most "
                            + LeadFieldNames.MAX_CUSTOM_FIELDS + ": rows with more than "
                            + LeadFieldNames.MAX_CUSTOM_FIELDS + " of them filled will be rejected. Map the"
                            + " columns you do not need to ignore."));
        }
    }

    private int indexOf(String column) {
        for (int i = 0; i < names.length; i++) {
            if (!names[i].isEmpty() && names[i].equals(column)) {
                return i;
            }
        }
        return -1;
    }

    private boolean hasValues(int index) {
        return sample.stream()
                .anyMatch(row ->
                        index < row.cells().size() && !row.cells().get(index).isBlank());
    }
}
