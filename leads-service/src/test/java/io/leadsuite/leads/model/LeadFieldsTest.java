package io.leadsuite.leads.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.web.FieldViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadFieldsTest {

    @Test
    void theTableHasOneRowPerComponentInTheSameOrder() {
        assertThat(LeadFields.names())
                .containsExactlyElementsOf(Arrays.stream(LeadFields.class.getRecordComponents())
                        .map(component -> component.getName())
                        .toList());
    }

    @Test
    void ofAndToMapRoundTripEveryField() {
        Map<String, String> values = new HashMap<>();
        LeadFields.names().forEach(name -> values.put(name, "value of " + name));

        LeadFields fields = LeadFields.of(values);

        assertThat(fields.toMap()).isEqualTo(values);
        LeadFields.TABLE.forEach(
                field -> assertThat(field.value().apply(fields)).isEqualTo("value of " + field.name()));
    }

    @Test
    void aPatchSetsAndClearsStandardFieldsAndLeavesOthersToTheCaller() {
        LeadFields fields = LeadFields.of(Map.of("firstName", "Jane", "notes", "old", "jobTitle", "CTO"));
        Map<String, Object> patch = new HashMap<>();
        patch.put("notes", null);
        patch.put("jobTitle", "CEO");
        patch.put("lastName", 42);
        patch.put("customFields", Map.of("tier", "gold"));
        List<FieldViolation> violations = new ArrayList<>();

        LeadFields patched = fields.patched(patch, violations);

        assertThat(patched.firstName()).isEqualTo("Jane");
        assertThat(patched.notes()).isNull();
        assertThat(patched.jobTitle()).isEqualTo("CEO");
        assertThat(violations).containsExactly(new FieldViolation("lastName", "must be a string or null"));
    }

    @Test
    void exactlyTheNamesPhoneAndEmailAreRequired() {
        assertThat(LeadFields.TABLE.stream().filter(LeadFields.Field::required).map(LeadFields.Field::name))
                .containsExactly("firstName", "lastName", "email", "phone");
    }
}
