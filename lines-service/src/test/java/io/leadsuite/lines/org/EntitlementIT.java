package io.leadsuite.lines.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.lines.LinesServiceIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The plan's free lines and the usage day's time zone, which only an organization admin changes. */
class EntitlementIT extends LinesServiceIT {

    @Test
    void onlyAnAdminChangesTheEntitlement() {
        String workspace = newWorkspace();
        http.patch()
                .uri("/api/organizations/current/lines")
                .headers(bearer(member(workspace)))
                .bodyValue(Map.of("freeLinesIncluded", 10))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.patch()
                .uri("/api/organizations/current/lines")
                .headers(bearer(admin(workspace)))
                .bodyValue(Map.of("freeLinesIncluded", -1, "timeZone", "Mars/Olympus"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields ->
                        assertThat((List<Object>) fields).containsExactlyInAnyOrder("freeLinesIncluded", "timeZone"));

        setFreeLines(workspace, 10, "Europe/Paris");

        assertThat(api.counters(member(workspace)))
                .containsEntry("freeLinesIncluded", 10)
                .containsEntry("freeLinesAvailable", 10)
                .containsEntry("timeZone", "Europe/Paris");
    }
}
