package io.leadsuite.lines.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.lines.LinesServiceIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** A bought line's life: listed, changed, deleted (its slot given back), and hidden from other workspaces. */
class LineLifecycleIT extends LinesServiceIT {

    @Test
    void deletingALineGivesItsSlotBack() {
        String workspace = newWorkspace();
        String token = member(workspace);
        String free = api.buyId(token, profile("First"));
        Map<String, Object> paid = api.buy(token, profile("Second"));
        assertThat(paid).containsEntry("billingType", "paid");

        http.delete()
                .uri("/api/lines/{id}", free)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNoContent();

        http.get()
                .uri("/api/lines/{id}", free)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(api.counters(token))
                .containsEntry("freeLinesUsed", 0)
                .containsEntry("totalLinesPurchased", 1)
                .containsEntry("totalLinesCount", 1);
        assertThat(api.buy(token, profile("Third"))).containsEntry("billingType", "free");
        http.delete()
                .uri("/api/lines/{id}", free)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(api.counters(token)).containsEntry("totalLinesCount", 2);
    }

    @Test
    void listsNewestFirstInKeysetPagesAndUpdatesTheProfile() {
        String token = member(newWorkspace());
        List<String> bought = List.of(
                api.buyId(token, profile("One")), api.buyId(token, profile("Two")), api.buyId(token, profile("Three")));

        Map<String, Object> first = api.getJson(token, "/api/lines?limit=2");
        Map<String, Object> second = api.getJson(token, "/api/lines?limit=2&cursor=" + first.get("nextCursor"));

        assertThat(ids(first)).containsExactly(bought.get(2), bought.get(1));
        assertThat(ids(second)).containsExactly(bought.get(0));
        assertThat(second.get("nextCursor")).isNull();

        http.patch()
                .uri("/api/lines/{id}", bought.get(0))
                .headers(bearer(token))
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(Map.of("firstName", "Uno", "phone", "+44 20 7946 0958", "createdUserId", "user_sales"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firstName")
                .isEqualTo("Uno")
                .jsonPath("$.phone")
                .isEqualTo("+442079460958")
                .jsonPath("$.createdUserId")
                .isEqualTo("user_sales")
                .jsonPath("$.version")
                .isEqualTo(2);
        http.patch()
                .uri("/api/lines/{id}", bought.get(0))
                .headers(bearer(token))
                .bodyValue(Map.of("billingType", "free", "email", "nope"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields).containsExactly("billingType"));
        http.get()
                .uri("/api/lines?cursor=garbage")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cursor");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(line -> line.get("id")).toList();
    }

    /** Beyond {@link LineTenantIsolationIT}: another workspace cannot consume a line, nor change it. */
    @Test
    void anotherWorkspaceNeitherConsumesNorChangesALine() {
        String owner = member(newWorkspace());
        String stranger = member(newWorkspace());
        String id = api.buyId(owner, profile("Private"));

        http.post()
                .uri("/api/lines/{id}/usage", id)
                .headers(bearer(stranger))
                .bodyValue(Map.of("kind", "message"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.patch()
                .uri("/api/lines/{id}", id)
                .headers(bearer(stranger))
                .bodyValue(Map.of("firstName", "Mallory"))
                .exchange()
                .expectStatus()
                .isNotFound();

        assertThat(api.line(owner, id)).containsEntry("firstName", "Private").containsEntry("version", 1);
        assertThat(api.getJson(owner, "/api/lines/" + id + "/usage").get("totalMessages"))
                .isEqualTo(Map.of("used", 0, "limit", 150, "remaining", 150));
    }
}
