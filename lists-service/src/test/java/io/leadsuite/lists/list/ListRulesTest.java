package io.leadsuite.lists.list;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.web.FieldViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ListRulesTest {

    @Test
    void aNameIsTrimmedAndRequiredAndAtMostOneHundredCharacters() {
        List<FieldViolation> violations = new ArrayList<>();

        assertThat(ListRules.name("  Hot prospects ", violations)).isEqualTo("Hot prospects");
        assertThat(ListRules.name(" " + "x".repeat(100) + " ", violations)).hasSize(100);
        assertThat(violations).isEmpty();

        assertThat(ListRules.name(" ", violations)).isNull();
        assertThat(ListRules.name(null, violations)).isNull();
        assertThat(ListRules.name("x".repeat(101), violations)).isNull();
        assertThat(violations)
                .containsExactly(
                        new FieldViolation("name", "is required"),
                        new FieldViolation("name", "is required"),
                        new FieldViolation("name", "must be at most 100 characters"));
    }

    @Test
    void aBlankDescriptionIsNoneAndALongOneIsRefused() {
        List<FieldViolation> violations = new ArrayList<>();

        assertThat(ListRules.description("  From the fair ", violations)).isEqualTo("From the fair");
        assertThat(ListRules.description("   ", violations)).isNull();
        assertThat(violations).isEmpty();

        assertThat(ListRules.description("d".repeat(1001), violations)).isNull();
        assertThat(violations).containsExactly(new FieldViolation("description", "must be at most 1000 characters"));
    }

    @Test
    void namesDifferingOnlyInCaseOrNormalisationShareAKeyPerUser() {
        assertThat(ListRules.nameKey("user_1", "PROSPECTS")).isEqualTo(ListRules.nameKey("user_1", "prospects"));
        assertThat(ListRules.nameKey("user_1", "Caf\u00e9")).isEqualTo(ListRules.nameKey("user_1", "Cafe\u0301"));
        assertThat(ListRules.nameKey("user_1", "Prospects")).isNotEqualTo(ListRules.nameKey("user_2", "Prospects"));
    }

    @Test
    void aPatchMayChangeOnlyTheNameToAStringAndTheDescriptionToAStringOrNull() {
        Map<String, @Nullable Object> fine = new HashMap<>();
        fine.put("name", "Renamed");
        fine.put("description", null);
        assertThat(ListRules.patchShape(fine)).isEmpty();

        Map<String, @Nullable Object> wrong = new HashMap<>();
        wrong.put("leadCount", 3);
        wrong.put("name", null);
        wrong.put("description", 42);
        assertThat(ListRules.patchShape(wrong))
                .containsExactly(
                        new FieldViolation("leadCount", "cannot be changed (name, description)"),
                        new FieldViolation("name", "is required"),
                        new FieldViolation("description", "must be a string or null"));
    }
}
