package io.leadsuite.leads.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.web.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class LeadPatchTest {

    private final LeadRules rules = new LeadRules("US");

    @Test
    void setsPresentFieldsClearsNullOnesAndMergesCustomFields() {
        LeadDocument lead = lead(Map.of("keep", "k", "drop", "d"));
        Map<String, Object> patch = new HashMap<>();
        patch.put("jobTitle", "CTO");
        patch.put("companyName", null);
        Map<String, Object> custom = new HashMap<>();
        custom.put("drop", null);
        custom.put("new.field", 7);
        patch.put("customFields", custom);
        List<FieldViolation> violations = new ArrayList<>();

        LeadInput merged = LeadPatch.apply(lead, patch, violations);

        assertThat(violations).isEmpty();
        assertThat(merged.fields().jobTitle()).isEqualTo("CTO");
        assertThat(merged.fields().companyName()).isNull();
        assertThat(merged.fields().firstName()).isEqualTo("Jane");
        assertThat(merged.customFields()).containsOnlyKeys("keep", "new.field");
    }

    @Test
    void refusesReadOnlyUnknownAndMistypedFields() {
        List<FieldViolation> violations = new ArrayList<>();

        LeadPatch.apply(lead(Map.of()), Map.of("source", "csv", "favouriteColour", "red", "firstName", 3), violations);

        assertThat(violations)
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("source", "favouriteColour", "firstName");
    }

    @Test
    void reportsEachChangedFieldWithItsOldAndNewValue() {
        LeadDocument before = lead(Map.of("tier", "gold"));
        LeadInput merged = LeadPatch.apply(
                before, Map.of("lastName", "Smith", "customFields", Map.of("tier", "silver")), new ArrayList<>());

        var changes = rules.check(merged).state().changesSince(LeadState.of(before));

        assertThat(changes).containsOnlyKeys("lastName", "customFields.tier");
        assertThat(changes.get("lastName").from()).isEqualTo("Doe");
        assertThat(changes.get("customFields.tier").to()).isEqualTo("silver");
    }

    private LeadDocument lead(Map<String, Object> customFields) {
        LeadState state = rules.check(new LeadInput(
                        TestLeads.fields(
                                "firstName",
                                "Jane",
                                "lastName",
                                "Doe",
                                "email",
                                "jane@example.com",
                                "phone",
                                "+1 415 555 2671",
                                "companyName",
                                "Acme"),
                        customFields,
                        null,
                        null))
                .state();
        return LeadDocuments.created(
                new ObjectId(),
                "user_1",
                state,
                LeadSources.MANUAL,
                null,
                Instant.now(),
                created -> new PendingEvent("event-1", "LeadCreated", created.updatedAt(), "{}"));
    }
}
