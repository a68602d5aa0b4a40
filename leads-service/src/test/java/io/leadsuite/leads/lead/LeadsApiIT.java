package io.leadsuite.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.testkit.Component;
import io.leadsuite.common.testkit.LocalJwtIssuer;
import io.leadsuite.common.testkit.WithInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@WithInfrastructure({Component.MONGODB, Component.JWT_ISSUER})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LeadsApiIT {

    @Autowired
    WebTestClient http;

    @Test
    void storesALeadAndShowsItOnlyToItsOwner(LocalJwtIssuer issuer) {
        String alice = issuer.mint(newUser());
        String bob = issuer.mint(newUser());

        Map<String, Object> created = http.post()
                .uri("/api/leads")
                .headers(bearer(alice))
                .bodyValue(Map.of(
                        "firstName", "John",
                        "lastName", "Doe",
                        "email", "john.doe@example.com",
                        "phone", "+1-555-0123",
                        "companyName", "Acme Corp"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches(HttpHeaders.LOCATION, "/api/leads/[0-9a-f]{24}")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(created).containsEntry("source", "manual").containsEntry("companyName", "Acme Corp");
        String id = (String) created.get("id");

        http.get()
                .uri("/api/leads/{id}", id)
                .headers(bearer(alice))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.email")
                .isEqualTo("john.doe@example.com");
        http.get()
                .uri("/api/leads")
                .headers(bearer(bob))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items")
                .isEmpty();
        http.get()
                .uri("/api/leads/{id}", id)
                .headers(bearer(bob))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void pagesThroughLeadsNewestFirstWithACursor(LocalJwtIssuer issuer) {
        String token = issuer.mint(newUser());
        for (int i = 1; i <= 5; i++) {
            create(token, "Lead" + i, "lead" + i + "@example.com");
        }

        var first = page(token, "/api/leads?limit=2");
        var second = page(token, "/api/leads?limit=2&cursor=" + first.nextCursor());
        var third = page(token, "/api/leads?limit=2&cursor=" + second.nextCursor());

        assertThat(names(first)).containsExactly("Lead5", "Lead4");
        assertThat(names(second)).containsExactly("Lead3", "Lead2");
        assertThat(names(third)).containsExactly("Lead1");
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void rejectsAnIncompleteLeadNamingEachField(LocalJwtIssuer issuer) {
        http.post()
                .uri("/api/leads")
                .headers(bearer(issuer.mint(newUser())))
                .bodyValue(Map.of("firstName", "John", "email", "not-an-email"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.errors[*].field")
                .value(
                        new ParameterizedTypeReference<List<String>>() {},
                        fields -> assertThat(fields).containsExactlyInAnyOrder("lastName", "email", "phone"));
    }

    @Test
    void rejectsMalformedJsonAndBadPagingParameters(LocalJwtIssuer issuer) {
        String token = issuer.mint(newUser());
        http.post()
                .uri("/api/leads")
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"firstName\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/leads?limit=0")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("limit");
        http.get()
                .uri("/api/leads?cursor=garbage")
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cursor");
    }

    @Test
    void refusesCallsWithoutAValidToken(LocalJwtIssuer issuer) {
        http.get()
                .uri("/api/leads")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/api/leads")
                .headers(bearer(issuer.token(newUser()).forgedSignature().sign()))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private void create(String token, String firstName, String email) {
        http.post()
                .uri("/api/leads")
                .headers(bearer(token))
                .bodyValue(Map.of("firstName", firstName, "lastName", "Test", "email", email, "phone", "+1 555 0100"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private Page page(String token, String uri) {
        return http.get()
                .uri(uri)
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Page.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> names(Page page) {
        return page.items().stream().map(item -> (String) item.get("firstName")).toList();
    }

    private static java.util.function.Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    private static String newUser() {
        return "user_" + UUID.randomUUID();
    }

    record Page(List<Map<String, Object>> items, String nextCursor) {}
}
