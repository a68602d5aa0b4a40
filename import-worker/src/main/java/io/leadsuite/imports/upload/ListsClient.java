package io.leadsuite.imports.upload;

import io.leadsuite.common.web.Problems;
import io.leadsuite.imports.settings.ImportProperties;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The uploader's lists, in lists-service, on the uploader's behalf (with their own session token, so
 * lists-service applies its own tenancy): whether a {@code listId} is theirs, and the list that
 * {@code newListName} creates.
 */
@Component
class ListsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final WebClient http;

    ListsClient(WebClient.Builder builder, ImportProperties properties) {
        this.http = builder.baseUrl(properties.listsServiceUrl()).build();
    }

    /** Completes if {@code listId} is one of the caller's lists; 400 naming {@code listId} otherwise. */
    Mono<Void> requireOwn(String token, String listId) {
        return http.get()
                .uri("/api/lists/{id}", listId)
                .headers(headers -> headers.setBearerAuth(token))
                .retrieve()
                .toBodilessEntity()
                .timeout(TIMEOUT)
                .then()
                .onErrorMap(
                        WebClientResponseException.NotFound.class,
                        missing -> Problems.invalid("listId", "is not the id of one of your lists"))
                .onErrorMap(error -> !(error instanceof ErrorResponseException), ListsClient::unavailable);
    }

    /** Creates the caller's list {@code name} and answers its id; 409 naming {@code newListName} if taken. */
    Mono<String> create(String token, String name) {
        return http.post()
                .uri("/api/lists")
                .headers(headers -> headers.setBearerAuth(token))
                .bodyValue(Map.of("name", name))
                .retrieve()
                .bodyToMono(Map.class)
                .timeout(TIMEOUT)
                .map(list -> (String) list.get("id"))
                .onErrorMap(
                        WebClientResponseException.Conflict.class,
                        taken -> Problems.of(
                                HttpStatus.CONFLICT, "You already have a list named \"" + name + "\" (newListName)."))
                .onErrorMap(
                        WebClientResponseException.BadRequest.class,
                        invalid -> Problems.invalid(
                                "newListName", "is not a valid list name (at most 100 characters, not blank)"))
                .onErrorMap(error -> !(error instanceof ErrorResponseException), ListsClient::unavailable);
    }

    private static Throwable unavailable(Throwable error) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Lists cannot be reached right now; try again shortly.");
    }
}
