package io.leadsuite.imports.hubspot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How HubSpot contact properties become lead fields. The default maps HubSpot's standard properties to
 * the lead fields they mean; a connection's {@code fieldMappings} (property → lead field or {@code
 * customFields.<name>}) override it, and a property they map to a field takes that field from the
 * property that had it. The properties asked for are the default's, the extra ones below, and those the
 * mappings name; one asked for that maps to nothing becomes the custom field of its own name. Empty
 * values are left out, so they never clear what a lead has.
 */
public final class ContactMapping {

    /** HubSpot's standard contact properties and the lead field each means. */
    static final Map<String, String> DEFAULTS = defaults();

    /** Asked for besides the mapped ones, and kept as custom fields of their own name. */
    static final List<String> EXTRAS = List.of("lifecyclestage", "city", "country");

    private static final String CUSTOM = "customFields.";

    private final Map<String, String> targets;
    private final List<String> properties;

    private ContactMapping(Map<String, String> targets, List<String> properties) {
        this.targets = targets;
        this.properties = properties;
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("firstname", "firstName");
        defaults.put("lastname", "lastName");
        defaults.put("email", "email");
        defaults.put("phone", "phone");
        defaults.put("company", "companyName");
        defaults.put("jobtitle", "jobTitle");
        defaults.put("hs_linkedin_url", "linkedinUrl");
        return defaults;
    }

    /** The default mapping with {@code overrides} applied. */
    public static ContactMapping with(Map<String, String> overrides) {
        Map<String, String> targets = new LinkedHashMap<>();
        DEFAULTS.forEach((property, field) -> {
            if (!overrides.containsValue(field)) {
                targets.put(property, field);
            }
        });
        targets.putAll(overrides);
        Set<String> asked = new LinkedHashSet<>(targets.keySet());
        EXTRAS.forEach(extra -> {
            if (asked.add(extra)) {
                targets.put(extra, CUSTOM + extra);
            }
        });
        return new ContactMapping(targets, List.copyOf(asked));
    }

    /** The mapping a job recorded ({@link #targets}, {@link #properties}), to read it on as it began. */
    public static ContactMapping of(Map<String, String> targets, List<String> properties) {
        return new ContactMapping(new LinkedHashMap<>(targets), List.copyOf(properties));
    }

    /**
     * The HubSpot properties of a lead's standard fields, for a push: each field HubSpot has a standard
     * property for, by the default mapping, with its value as text ({@code ""} clears it). The email is
     * the contact's id, not a property to write.
     *
     * @param fields lead field → value, only the fields to write
     */
    public static Map<String, String> contactProperties(Map<String, @Nullable Object> fields) {
        Map<String, String> properties = new LinkedHashMap<>();
        DEFAULTS.forEach((property, field) -> {
            if (!"email".equals(field) && fields.containsKey(field)) {
                Object value = fields.get(field);
                properties.put(property, value == null ? "" : value.toString());
            }
        });
        return properties;
    }

    /** The properties to ask HubSpot for, in order: the error file's header. */
    public List<String> properties() {
        return properties;
    }

    /** property → lead field or {@code customFields.<name>}, as the job records it. */
    public Map<String, String> targets() {
        return targets;
    }

    /** The contact as the leads API takes it, with its HubSpot id in {@code integrationIds}. */
    public Map<String, Object> lead(Contact contact) {
        Map<String, Object> lead = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        targets.forEach((property, target) -> {
            String value = contact.properties().get(property);
            if (value == null || value.isBlank()) {
                return;
            }
            if (target.startsWith(CUSTOM)) {
                custom.put(target.substring(CUSTOM.length()), value);
            } else {
                lead.put(target, value);
            }
        });
        if (!custom.isEmpty()) {
            lead.put("customFields", custom);
        }
        lead.put("integrationIds", Map.of("hubspotRecordId", contact.id()));
        return lead;
    }

    /** The contact's values in {@link #properties} order, for the error file. */
    public List<String> cells(Contact contact) {
        List<String> cells = new ArrayList<>(properties.size());
        for (String property : properties) {
            @Nullable String value = contact.properties().get(property);
            cells.add(value == null ? "" : value);
        }
        return cells;
    }
}
