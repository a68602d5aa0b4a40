package io.leadsuite.integrations.connection;

import io.leadsuite.common.lead.LeadFieldNames;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a settings change (JSON Merge Patch of {@code autoSync}, {@code syncInterval} and
 * {@code fieldMappings}): an interval of 5 to 1440 whole minutes, and mappings from a provider property
 * to a lead field or {@code customFields.<name>}. {@code fieldMappings} replaces the whole map
 * ({@code null} or {@code {}} clears it). Every violation is named by its field.
 */
public final class SettingsRules {

    public static final int MIN_INTERVAL = 5;
    public static final int MAX_INTERVAL = 1440;
    public static final int MAX_MAPPINGS = 100;
    private static final Set<String> FIELDS = Set.of("autoSync", "syncInterval", "fieldMappings");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final String CUSTOM = "customFields.";

    private SettingsRules() {}

    /** {@code current} with {@code patch} applied; a 400 listing every bad entry otherwise. */
    public static IntegrationConfig.Settings apply(
            IntegrationConfig.Settings current, Map<String, @Nullable Object> patch) {
        List<FieldViolation> violations = new ArrayList<>();
        patch.keySet().stream()
                .filter(name -> !FIELDS.contains(name))
                .forEach(name -> violations.add(
                        new FieldViolation(name, "is not a setting (autoSync, syncInterval, fieldMappings)")));
        boolean autoSync = current.autoSync();
        if (patch.containsKey("autoSync")) {
            if (patch.get("autoSync") instanceof Boolean value) {
                autoSync = value;
            } else {
                violations.add(new FieldViolation("autoSync", "must be true or false"));
            }
        }
        int interval = current.syncInterval();
        if (patch.containsKey("syncInterval")) {
            Object value = patch.get("syncInterval");
            if ((value instanceof Integer || value instanceof Long)
                    && ((Number) value).longValue() >= MIN_INTERVAL
                    && ((Number) value).longValue() <= MAX_INTERVAL) {
                interval = ((Number) value).intValue();
            } else {
                violations.add(new FieldViolation(
                        "syncInterval",
                        "must be a whole number of minutes from " + MIN_INTERVAL + " to " + MAX_INTERVAL));
            }
        }
        Map<String, String> mappings = current.fieldMappings();
        if (patch.containsKey("fieldMappings")) {
            mappings = mappings(patch.get("fieldMappings"), violations);
        }
        if (!violations.isEmpty()) {
            throw Problems.invalid(violations);
        }
        return new IntegrationConfig.Settings(autoSync, interval, current.lastSyncAt(), mappings);
    }

    private static Map<String, String> mappings(@Nullable Object value, List<FieldViolation> violations) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> entries)) {
            violations.add(new FieldViolation("fieldMappings", "must be an object of provider property → lead field"));
            return Map.of();
        }
        if (entries.size() > MAX_MAPPINGS) {
            violations.add(new FieldViolation("fieldMappings", "may hold at most " + MAX_MAPPINGS + " mappings"));
            return Map.of();
        }
        Map<String, String> mappings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String property = String.valueOf(entry.getKey());
            String field = "fieldMappings." + property;
            if (!PROPERTY.matcher(property).matches()) {
                violations.add(new FieldViolation(
                        "fieldMappings",
                        "'" + property + "' is not a property name (letters, digits, _ . -, at most 100)"));
                continue;
            }
            if (!(entry.getValue() instanceof String target) || !isLeadField(target)) {
                violations.add(new FieldViolation(
                        field, "must name a lead field " + LeadFieldNames.names() + " or customFields.<name>"));
                continue;
            }
            mappings.put(property, target);
        }
        if (mappings.values().stream().distinct().count() < mappings.size()) {
            violations.add(new FieldViolation("fieldMappings", "two properties map to the same lead field"));
        }
        return mappings;
    }

    static boolean isLeadField(String target) {
        if (target.startsWith(CUSTOM)) {
            String name = target.substring(CUSTOM.length());
            return !name.isBlank()
                    && name.length() <= LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH
                    && !name.contains(".")
                    && !name.startsWith("$");
        }
        return LeadFieldNames.standard(target).isPresent();
    }
}
