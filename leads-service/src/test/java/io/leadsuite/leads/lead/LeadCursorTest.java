package io.leadsuite.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class LeadCursorTest {

    @Test
    void roundTripsThroughItsOpaqueForm() {
        LeadCursor cursor = new LeadCursor(Instant.parse("2026-11-24T10:15:30.123Z"), new ObjectId());

        assertThat(LeadCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void rejectsACursorItDidNotIssueAsABadCursorParameter() {
        assertThatThrownBy(() -> LeadCursor.decode("bm90LWEtY3Vyc29y"))
                .isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(400);
                    assertThat(problem.getBody().getProperties()).containsKey("errors");
                });
    }
}
