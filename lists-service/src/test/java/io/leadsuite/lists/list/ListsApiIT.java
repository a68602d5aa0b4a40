package io.leadsuite.lists.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.Topics;
import io.leadsuite.common.security.InternalApi;
import io.leadsuite.lists.ListsServiceIT;
import io.leadsuite.testkit.EventRecorder;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.TenantIsolationContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class ListsApiIT extends ListsServiceIT implements TenantIsolationContract {

    @Override
    public WebTestClient http() {
        return http;
    }

    @Override
    public String tokenOfNewTenant() {
        return token(newUser());
    }

    @Override
    public String createAs(String token) {
        return (String) createList(token, "Mine").get("id");
    }

    @Override
    public String collectionPath() {
        return "/api/lists";
    }

    @Override
    public Map<String, Object> change() {
        return Map.of("name", "Stolen");
    }

    @Test
    void createsReadsRenamesAndListsLists() {
        String token = token(newUser());
        Map<String, Object> created = http.post()
                .uri("/api/lists")
                .headers(bearer(token))
                .bodyValue(Map.of("name", "  Hot prospects  ", "description", "From the fair"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(created).containsEntry("name", "Hot prospects").containsEntry("leadCount", 0);
        String id = (String) created.get("id");

        http.patch()
                .uri("/api/lists/{id}", id)
                .headers(bearer(token))
                .bodyValue(Map.of("name", "Warm prospects"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Warm prospects")
                .jsonPath("$.description")
                .isEqualTo("From the fair");
        createList(token, "Customers");

        http.get()
                .uri("/api/lists?q=PROSPECT")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].name")
                .value(
                        new ParameterizedTypeReference<List<String>>() {},
                        names -> assertThat(names).containsExactly("Warm prospects"));
        http.get()
                .uri("/api/lists?sort=name&limit=1")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].name")
                .isEqualTo("Customers")
                .jsonPath("$.items[0].leadCount")
                .isEqualTo(0)
                .jsonPath("$.nextCursor")
                .exists();
    }

    @Test
    void aCaseVariantDuplicateNameIsAConflictNamingTheExistingList() {
        String token = token(newUser());
        String existing = (String) createList(token, "Prospects").get("id");

        http.post()
                .uri("/api/lists")
                .headers(bearer(token))
                .bodyValue(Map.of("name", " PROSPECTS "))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.existingListId")
                .isEqualTo(existing)
                .jsonPath("$.field")
                .isEqualTo("name");
        String other = (String) createList(token, "Other").get("id");
        http.patch()
                .uri("/api/lists/{id}", other)
                .headers(bearer(token))
                .bodyValue(Map.of("name", "prospects"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        createList(token(newUser()), "Prospects");
    }

    @Test
    void rejectsInvalidNamesAndDescriptionsNamingTheField() {
        String token = token(newUser());
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("name", " "),
                Map.<String, Object>of("name", "x".repeat(101)),
                Map.<String, Object>of("description", "no name"))) {
            http.post()
                    .uri("/api/lists")
                    .headers(bearer(token))
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");
        }
        http.post()
                .uri("/api/lists")
                .headers(bearer(token))
                .bodyValue(Map.of("name", "Long", "description", "d".repeat(1001)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("description");
    }

    @Test
    void deletingAListPublishesItAndSaysWhatHappensToItsLeads() {
        String userId = newUser();
        String token = token(userId);
        String detached = (String) createList(token, "Detach me").get("id");
        String purged = (String) createList(token, "Purge me").get("id");

        try (EventRecorder recorder =
                EventRecorder.of(SharedInfrastructure.kafkaBootstrapServers(), Topics.LIST_CHANGES)) {
            http.delete()
                    .uri("/api/lists/{id}", detached)
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.leads")
                    .isEqualTo("detached");
            http.delete()
                    .uri("/api/lists/{id}?deleteLeads=true", purged)
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.leads")
                    .isEqualTo("deleted");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(recorder.withKey(detached))
                        .extracting(EventRecorder.Event::value)
                        .anySatisfy(value -> assertThat(value)
                                .contains("\"type\":\"ListDeleted\"")
                                .contains("\"deleteLeads\":false"));
                assertThat(recorder.withKey(purged))
                        .extracting(EventRecorder.Event::value)
                        .anySatisfy(value -> assertThat(value)
                                .contains("\"type\":\"ListDeleted\"")
                                .contains("\"deleteLeads\":true"));
                assertThat(recorder.withKey(detached).get(0).value())
                        .contains("\"type\":\"ListCreated\"")
                        .contains("\"source\":\"lists-service\"");
            });
        }
        http.get()
                .uri("/api/lists/{id}", detached)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNotFound();
        createList(token, "Detach me");
    }

    @Test
    void answersLeadsServiceAUsersListByIdAndNoOneElseTheirs() {
        String owner = newUser();
        String id = (String) createList(token(owner), "Fair").get("id");

        http.get()
                .uri("/internal/lists/{id}?userId={user}", id, owner)
                .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .value(list -> assertThat(list).containsEntry("id", id).containsEntry("name", "Fair"));
        http.get()
                .uri("/internal/lists/{id}?userId={user}", id, newUser())
                .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get()
                .uri("/internal/lists/{id}?userId={user}", id, owner)
                .headers(bearer(token(owner)))
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
