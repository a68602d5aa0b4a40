package io.leadsuite.leads.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.lead.LeadFieldNames;
import org.junit.jupiter.api.Test;

/** The contract in common that importers map onto agrees with the authoritative table here. */
class LeadFieldNamesAgreeTest {

    @Test
    void sameNamesSameRequiredFlagsSameOrder() {
        assertThat(LeadFieldNames.STANDARD)
                .containsExactlyElementsOf(LeadFields.TABLE.stream()
                        .map(field -> new LeadFieldNames.StandardField(field.name(), field.required()))
                        .toList());
    }

    @Test
    void sameCustomFieldBounds() {
        assertThat(LeadFieldNames.MAX_CUSTOM_FIELDS).isEqualTo(CustomFields.MAX_FIELDS);
        assertThat(LeadFieldNames.MAX_CUSTOM_FIELD_NAME_LENGTH).isEqualTo(CustomFields.MAX_NAME_LENGTH);
    }
}
