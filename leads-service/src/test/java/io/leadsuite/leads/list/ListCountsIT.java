package io.leadsuite.leads.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.leads.LeadsServiceIT;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ListCountsIT extends LeadsServiceIT {

    @Test
    void countsTheUsersLeadsPerListAsPublished() {
        String userId = newUser();
        String token = token(userId);
        ObjectId full = lists.newList();
        ObjectId empty = lists.newList();
        for (int i = 0; i < 3; i++) {
            create(token, inList(full, "counted" + i));
        }
        create(token(newUser()), inList(lists.newList(), "other"));

        // Counts are as published: a lead counts once its LeadCreated is out.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.get()
                        .uri(
                                "/internal/list-counts?userId={user}&listId={a}&listId={b}",
                                userId,
                                full.toHexString(),
                                empty.toHexString())
                        .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$." + full.toHexString())
                        .isEqualTo(3)
                        .jsonPath("$." + empty.toHexString())
                        .isEqualTo(0));
    }

    @Test
    void refusesCallersWithoutTheInternalToken() {
        String query = "/internal/list-counts?userId=anyone&listId=" + new ObjectId().toHexString();

        http.get().uri(query).exchange().expectStatus().isUnauthorized();
        http.get()
                .uri(query)
                .header(InternalApi.TOKEN_HEADER, "guess")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri(query)
                .headers(bearer(token(newUser())))
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(401, 403));
    }

    private static Map<String, Object> inList(ObjectId list, String name) {
        Map<String, Object> lead = lead(name, name + "." + UUID.randomUUID() + "@example.com");
        lead.put("listId", list.toHexString());
        return lead;
    }
}
