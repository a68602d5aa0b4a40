package io.leadsuite.leads.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.common.events.ListChange;
import io.leadsuite.leads.LeadsServiceIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

class ListMembershipIT extends LeadsServiceIT {

    @AfterEach
    void listsServiceBack() {
        lists.down(false);
    }

    @Test
    void aListKnownFromItsEventsWorksWhileListsServiceIsDown() {
        String userId = newUser();
        String token = token(userId);
        ObjectId list = new ObjectId();
        listEvent(ListChange.CREATED, userId, list, null);
        lists.down(true);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.post()
                        .uri("/api/leads")
                        .headers(bearer(token))
                        .bodyValue(withList(lead("Listed", "listed." + UUID.randomUUID() + "@example.com"), list))
                        .exchange()
                        .expectStatus()
                        .isCreated());
    }

    @Test
    void aListCreatedAMomentAgoIsCheckedWithListsService() {
        String token = token(newUser());
        ObjectId fresh = lists.newList();
        ObjectId unknown = new ObjectId();

        Map<String, Object> first =
                create(token, withList(lead("Fresh", "fresh." + UUID.randomUUID() + "@example.com"), fresh));
        int asked = lists.timesAskedAbout(fresh);
        assertThat(asked).as("lists-service asked about the new list").isPositive();
        assertThat(first).containsEntry("listId", fresh.toHexString());

        lists.down(true);
        Map<String, Object> second =
                create(token, withList(lead("Remembered", "rem." + UUID.randomUUID() + "@example.com"), fresh));
        assertThat(second).containsEntry("listId", fresh.toHexString());
        assertThat(lists.timesAskedAbout(fresh))
                .as("the answer was remembered, not asked again")
                .isEqualTo(asked);
        get(token, "/api/leads?listId=" + fresh.toHexString())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].id")
                .value(
                        new ParameterizedTypeReference<List<String>>() {},
                        ids -> assertThat(ids)
                                .containsExactlyInAnyOrder((String) first.get("id"), (String) second.get("id")));

        lists.down(false);
        expectBadListId(token, unknown);
        assertThat(lists.timesAskedAbout(unknown))
                .as("lists-service asked about the unknown list")
                .isPositive();
    }

    @Test
    void anUnknownOrForeignListIsRefusedNamingListId() {
        String owner = newUser();
        ObjectId foreign = new ObjectId();
        listEvent(ListChange.CREATED, owner, foreign, null);
        String token = token(newUser());

        expectBadListId(token, new ObjectId());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> expectBadListId(token, foreign));
        create(token(owner), withList(lead("Owner", "owner." + UUID.randomUUID() + "@example.com"), foreign));
    }

    @Test
    void whenListsServiceCannotBeAskedTheAnswerIs503NamingListId() {
        lists.down(true);

        http.post()
                .uri("/api/leads")
                .headers(bearer(token(newUser())))
                .bodyValue(withList(lead("Unsure", "unsure." + UUID.randomUUID() + "@example.com"), new ObjectId()))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> org.assertj.core.api.Assertions.assertThat(detail)
                                .contains("listId"));
    }

    @Test
    void deletingAListDetachesItsLeads() {
        String userId = newUser();
        String token = token(userId);
        ObjectId list = lists.newList();
        String first = (String) create(token, withList(lead("D1", "d1." + UUID.randomUUID() + "@example.com"), list))
                .get("id");
        String second = (String) create(token, withList(lead("D2", "d2." + UUID.randomUUID() + "@example.com"), list))
                .get("id");

        listEvent(ListChange.DELETED, userId, list, false);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> get(token, "/api/leads?listId=none")
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.items[*].id")
                        .value(
                                new ParameterizedTypeReference<List<String>>() {},
                                ids -> assertThat(ids).contains(first, second)));
        get(token, "/api/leads?listId=" + list.toHexString())
                .expectBody()
                .jsonPath("$.items")
                .isEmpty();
        expectBadListId(token, list);
    }

    @Test
    void deletingAListWithItsLeadsDeletesThem() {
        String userId = newUser();
        String token = token(userId);
        ObjectId list = lists.newList();
        String inList =
                (String) create(token, withList(lead("Gone", "gone." + UUID.randomUUID() + "@example.com"), list))
                        .get("id");
        String outside = (String) create(token, lead("Stays", "stays." + UUID.randomUUID() + "@example.com"))
                .get("id");

        listEvent(ListChange.DELETED, userId, list, true);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> get(token, "/api/leads/" + inList).expectStatus().isNotFound());
        get(token, "/api/leads/" + outside).expectStatus().isOk();
    }

    private void expectBadListId(String token, ObjectId list) {
        http.post()
                .uri("/api/leads")
                .headers(bearer(token))
                .bodyValue(withList(lead("Nope", "nope." + UUID.randomUUID() + "@example.com"), list))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("listId");
    }

    private static Map<String, Object> withList(Map<String, Object> lead, ObjectId list) {
        lead.put("listId", list.toHexString());
        return lead;
    }
}
