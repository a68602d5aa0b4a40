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

        LeadInput merged = LeadPatch.apply(LeadState.of(lead), patch, violations);

        assertThat(violations).isEmpty();
        assertThat(merged.fields().jobTitle()).isEqualTo("CTO");
        assertThat(merged.fields().companyName()).isNull();
        assertThat(merged.fields().firstName()).isEqualTo("Jane");
        assertThat(merged.customFields()).containsOnlyKeys("keep", "new.field");
    }

    @Test
    void refusesReadOnlyUnknownAndMistypedFields() {
        List<FieldViolation> violations = new ArrayList<>();

        LeadPatch.apply(
                LeadState.of(lead(Map.of())),
                Map.of("source", "csv", "favouriteColour", "red", "firstName", 3),
                violations);

        assertThat(violations)
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("source", "favouriteColour", "firstName");
    }

    @Test
    void reportsEachChangedFieldWithItsOldAndNewValue() {
        LeadDocument before = lead(Map.of("tier", "gold"));
        LeadInput merged = LeadPatch.apply(
                LeadState.of(before),
                Map.of("lastName", "Smith", "customFields", Map.of("tier", "silver")),
                new ArrayList<>());

        var changes = rules.check(merged).state().changesSince(LeadState.of(before));

        assertThat(changes).containsOnlyKeys("lastName", "customFields.tier");
        assertThat(changes.get("lastName").from()).isEqualTo("Doe");
        assertThat(changes.get("customFields.tier").to()).isEqualTo("silver");
    }

    @Test
    void mergingADuplicateReplacesWhatItHasAndClearsNothing() {
        LeadState lead = LeadState.of(lead(Map.of("keep", "k", "tier", "gold")));
        Map<String, Object> custom = new HashMap<>();
        custom.put("tier", "silver");
        custom.put("blank", " ");
        custom.put("none", null);
        custom.put("seats", 12);
        LeadInput duplicate = new LeadInput(
                TestLeads.fields("firstName", " ", "email", "JANE@example.com", "jobTitle", "CTO", "companyName", ""),
                custom,
                new IntegrationIds("hs-1", null, " "),
                null);

        LeadState merged = rules.check(lead, LeadPatch.merging(duplicate)).state();

        assertThat(merged.fields().firstName()).isEqualTo("Jane");
        assertThat(merged.fields().lastName()).isEqualTo("Doe");
        assertThat(merged.fields().email()).isEqualTo("JANE@example.com");
        assertThat(merged.fields().jobTitle()).isEqualTo("CTO");
        assertThat(merged.fields().companyName()).isEqualTo("Acme");
        assertThat(CustomFields.toJson(merged.customFields()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("keep", "k", "tier", "silver", "seats", 12L));
        assertThat(merged.integrationIds().present()).containsExactlyEntriesOf(Map.of("hubspotRecordId", "hs-1"));
        assertThat(merged.listId()).isNull();
    }

    @Test
    void mergingTheSameDuplicateAgainChangesNothing() {
        LeadState lead = LeadState.of(lead(Map.of("tier", "gold")));
        LeadInput duplicate = new LeadInput(
                TestLeads.fields("linkedinUrl", "linkedin.com/in/jane", "phone", "+1 (415) 555-2671"),
                Map.of("tier", "silver", "since", "2024-05-31"),
                null,
                new ObjectId().toHexString());
        LeadState once = rules.check(lead, LeadPatch.merging(duplicate)).state();

        LeadState twice = rules.check(once, LeadPatch.merging(duplicate)).state();

        assertThat(once.changesSince(lead))
                .containsOnlyKeys("phone", "linkedinUrl", "listId", "customFields.tier", "customFields.since");
        assertThat(twice.changesSince(once)).isEmpty();
    }

    @Test
    void aMergedLeadIsCheckedAsAWhole() {
        LeadState lead = LeadState.of(lead(Map.of()));
        LeadInput duplicate =
                new LeadInput(TestLeads.fields("phone", "call me", "lastName", "Smith"), null, null, null);

        LeadRules.Checked merged = rules.check(lead, LeadPatch.merging(duplicate));

        assertThat(merged.isValid()).isFalse();
        assertThat(merged.violations()).extracting(FieldViolation::field).containsExactly("phone");
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
                created -> new PendingEvent("event-1", "LeadCreated", created.updatedAt(), "{}", null, null));
    }
}
