package io.leadsuite.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.leads.LeadsServiceIT;
import io.leadsuite.testkit.TenantIsolationContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class LeadLifecycleIT extends LeadsServiceIT implements TenantIsolationContract {

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
        return (String) create(token, lead("Own", "own." + UUID.randomUUID() + "@example.com"))
                .get("id");
    }

    @Override
    public String collectionPath() {
        return "/api/leads";
    }

    @Override
    public Map<String, Object> change() {
        return Map.of("firstName", "Hacked");
    }

    @Override
    public List<String> subResources() {
        return List.of("audit");
    }

    @Test
    void createsReadsUpdatesAndDeletesALead() {
        String token = token(newUser());
        Map<String, Object> created = create(token, lead("John", "john." + UUID.randomUUID() + "@example.com"));
        String id = (String) created.get("id");
        assertThat(created)
                .containsEntry("source", "manual")
                .containsEntry("version", 1)
                .containsEntry("phone", "+1-555-0123");
        assertThat(created)
                .containsOnlyKeys(
                        "id",
                        "firstName",
                        "lastName",
                        "email",
                        "phone",
                        "phoneE164",
                        "companyName",
                        "jobTitle",
                        "linkedinUrl",
                        "notes",
                        "customFields",
                        "integrationIds",
                        "listId",
                        "source",
                        "createdAt",
                        "updatedAt",
                        "version");
        assertThat(created.get("integrationIds"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("hubspotRecordId", "salesforceRecordId", "googleSheetsRowId");

        get(token, "/api/leads/" + id).expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"");

        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(Map.of("jobTitle", "CTO", "customFields", Map.of("tier", "gold")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.jobTitle")
                .isEqualTo("CTO")
                .jsonPath("$.customFields.tier")
                .isEqualTo("gold")
                .jsonPath("$.version")
                .isEqualTo(2);

        http.delete()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNoContent();
        get(token, "/api/leads/" + id).expectStatus().isNotFound();
    }

    @Test
    void aCaseVariantDuplicateEmailIsAConflictNamingTheExistingLead() {
        String token = token(newUser());
        String email = "Dup." + UUID.randomUUID() + "@Example.com";
        String existing = (String) create(token, lead("First", email)).get("id");

        http.post()
                .uri("/api/leads")
                .headers(bearer(token))
                .bodyValue(lead("Second", "  " + email.toUpperCase() + " "))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.existingLeadId")
                .isEqualTo(existing)
                .jsonPath("$.field")
                .isEqualTo("email");

        // Another user may have a lead with the same email, and a deleted lead frees its email.
        create(token(newUser()), lead("Other", email));
        http.delete()
                .uri("/api/leads/{id}", existing)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isNoContent();
        create(token, lead("Again", email.toLowerCase()));
    }

    @Test
    void integrationIdsAreUniquePerUserAndPlatform() {
        String token = token(newUser());
        String recordId = "hs-" + UUID.randomUUID();
        Map<String, Object> first = lead("Hub", "hub1." + UUID.randomUUID() + "@example.com");
        first.put("integrationIds", Map.of("hubspotRecordId", recordId));
        String existing = (String) create(token, first).get("id");

        Map<String, Object> second = lead("Hub", "hub2." + UUID.randomUUID() + "@example.com");
        second.put("integrationIds", Map.of("hubspotRecordId", recordId));
        http.post()
                .uri("/api/leads")
                .headers(bearer(token))
                .bodyValue(second)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("integrationIds.hubspotRecordId")
                .jsonPath("$.existingLeadId")
                .isEqualTo(existing);

        Map<String, Object> otherPlatform = lead("Sf", "sf." + UUID.randomUUID() + "@example.com");
        otherPlatform.put("integrationIds", Map.of("salesforceRecordId", recordId));
        create(token, otherPlatform);
    }

    @Test
    void customFieldNamesRoundTripExactly() {
        String token = token(newUser());
        Map<String, Object> body = lead("Custom", "custom." + UUID.randomUUID() + "@example.com");
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("a.b", "dotted");
        custom.put("$x", 42);
        custom.put("Company Size", "51-200");
        body.put("customFields", custom);
        String id = (String) create(token, body).get("id");

        get(token, "/api/leads/" + id)
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .value(lead -> assertThat(customFields(lead))
                        .containsEntry("a.b", "dotted")
                        .containsEntry("$x", 42)
                        .containsEntry("Company Size", "51-200"));

        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .bodyValue(Map.of("customFields", Map.of("$x", 43, "a.b", "changed")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .value(lead -> assertThat(customFields(lead))
                        .containsEntry("a.b", "changed")
                        .containsEntry("$x", 43)
                        .containsEntry("Company Size", "51-200"));
    }

    @Test
    void aFiftyFirstCustomFieldIsRejectedNamingIt() {
        Map<String, Object> body = lead("Many", "many." + UUID.randomUUID() + "@example.com");
        Map<String, Object> custom = new LinkedHashMap<>();
        for (int i = 1; i <= 51; i++) {
            custom.put("field " + i, i);
        }
        body.put("customFields", custom);

        http.post()
                .uri("/api/leads")
                .headers(bearer(token(newUser())))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("customFields.field 51")
                .jsonPath("$.errors.length()")
                .isEqualTo(1);
    }

    @Test
    void validationErrorsNameEachField() {
        Map<String, Object> body = lead("Bad", "not-an-email");
        body.put("phone", "call me maybe");
        body.put("linkedinUrl", "https://evil.example.com/in/x");

        http.post()
                .uri("/api/leads")
                .headers(bearer(token(newUser())))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(
                        new ParameterizedTypeReference<List<String>>() {},
                        fields -> assertThat(fields).containsExactlyInAnyOrder("email", "phone", "linkedinUrl"));
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        String token = token(newUser());
        String id = (String) create(token, lead("Race", "race." + UUID.randomUUID() + "@example.com"))
                .get("id");
        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("notes", "first"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"");

        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("notes", "second"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.currentVersion")
                .isEqualTo(2);
    }

    @Test
    void patchRefusesFieldsThatCannotChange() {
        String token = token(newUser());
        String id = (String) create(token, lead("Fixed", "fixed." + UUID.randomUUID() + "@example.com"))
                .get("id");

        http.patch()
                .uri("/api/leads/{id}", id)
                .headers(bearer(token))
                .bodyValue(Map.of("source", "csv", "shoeSize", 44))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(
                        new ParameterizedTypeReference<List<String>>() {},
                        fields -> assertThat(fields).containsExactlyInAnyOrder("source", "shoeSize"));
    }

    @Test
    void bulkDeleteAndMoveReportIdsThatAreNotTheCallers() {
        String token = token(newUser());
        String first = (String) create(token, lead("B1", "b1." + UUID.randomUUID() + "@example.com"))
                .get("id");
        String second = (String) create(token, lead("B2", "b2." + UUID.randomUUID() + "@example.com"))
                .get("id");
        String foreign = (String) create(token(newUser()), lead("F", "f." + UUID.randomUUID() + "@example.com"))
                .get("id");
        var list = lists.newList();

        http.post()
                .uri("/api/leads/bulk-move")
                .headers(bearer(token))
                .bodyValue(Map.of("ids", List.of(first, second, foreign), "listId", list.toHexString()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.changed")
                .isEqualTo(2)
                .jsonPath("$.notFound[0]")
                .isEqualTo(foreign);
        get(token, "/api/leads/" + first).expectBody().jsonPath("$.listId").isEqualTo(list.toHexString());

        http.post()
                .uri("/api/leads/bulk-delete")
                .headers(bearer(token))
                .bodyValue(Map.of("ids", List.of(first, second, foreign, "garbage")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.changed")
                .isEqualTo(2)
                .jsonPath("$.notFound.length()")
                .isEqualTo(2);
        get(token, "/api/leads/" + second).expectStatus().isNotFound();
        get(token(newUser()), "/api/leads/" + foreign).expectStatus().isNotFound();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> customFields(Map<String, Object> lead) {
        return (Map<String, Object>) lead.get("customFields");
    }
}
