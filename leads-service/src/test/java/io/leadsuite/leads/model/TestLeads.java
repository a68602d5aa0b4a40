package io.leadsuite.leads.model;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Standard fields for tests, by name, so that tests do not depend on how many fields a lead has. */
final class TestLeads {

    private TestLeads() {}

    /** {@code fields("firstName", "Jane", "email", "jane@example.com")}; the others are absent. */
    static LeadFields fields(@Nullable String... namesAndValues) {
        Map<String, @Nullable String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return LeadFields.of(values);
    }
}
