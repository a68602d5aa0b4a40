package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every tenant sees only its own data: another tenant's id answers 404 problem+json for reading,
 * changing and deleting (and for each sub-resource), the resource is not in the other tenant's list,
 * and the owner still has it unchanged afterwards. A service's API test implements it for each
 * resource it owns.
 */
public interface TenantIsolationContract {

    WebTestClient http();

    /** A token of a tenant that has nothing yet (a new user, or a new workspace for workspace data). */
    String tokenOfNewTenant();

    /** Creates a resource as the owner of {@code token} and returns its id. */
    String createAs(String token);

    /** Where the resources live, e.g. {@code /api/leads}; one is at {@code <path>/<id>}. */
    String collectionPath();

    /** A valid change of the resource (JSON merge patch). */
    Map<String, Object> change();

    /** Sub-resources of one resource that must be hidden too, e.g. {@code usage}. */
    default List<String> subResources() {
        return List.of();
    }

    @Test
    default void anotherTenantsResourceIsNotFoundForReadChangeDeleteOrListing() {
        String owner = tokenOfNewTenant();
        String intruder = tokenOfNewTenant();
        String id = createAs(owner);
        String resource = collectionPath() + "/" + id;

        notFound(http().get().uri(resource).headers(headers -> headers.setBearerAuth(intruder)));
        notFound(http().patch()
                .uri(resource)
                .headers(headers -> headers.setBearerAuth(intruder))
                .bodyValue(change()));
        notFound(http().delete().uri(resource).headers(headers -> headers.setBearerAuth(intruder)));
        for (String sub : subResources()) {
            notFound(http().get().uri(resource + "/" + sub).headers(headers -> headers.setBearerAuth(intruder)));
        }
        http().get()
                .uri(collectionPath())
                .headers(headers -> headers.setBearerAuth(intruder))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page).doesNotContain(id));
        http().get()
                .uri(resource)
                .headers(headers -> headers.setBearerAuth(owner))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
    }

    private static void notFound(WebTestClient.RequestHeadersSpec<?> request) {
        request.exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
