package io.leadsuite.leads.list;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.leads.config.LeadProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Asks lists-service whether a list is one of a user's ({@code GET /internal/lists/{id}?userId=}, with
 * the service-to-service token), so that writes without a user token (an import's batches) are checked
 * the same way as the API's, and lists-service applies its own tenancy. Bounded in time, retried once on
 * a transport error, and behind a circuit breaker so a down lists-service costs nothing after a few
 * failures.
 */
@Component
class ListsClient {

    private final WebClient http;
    private final ReactiveCircuitBreaker breaker;

    ListsClient(
            WebClient.Builder builder,
            ReactiveCircuitBreakerFactory<?, ?> breakers,
            LeadProperties properties,
            @Value("${leadsuite.security.internal-token:}") String internalToken) {
        this.http = builder.baseUrl(properties.listsServiceUrl())
                .defaultHeader(InternalApi.TOKEN_HEADER, internalToken)
                .build();
        this.breaker = breakers.create("lists-service");
    }

    /** {@code true} if the list is one of {@code userId}'s, {@code false} if lists-service says it is not. */
    Mono<Boolean> isListOf(String userId, String listId) {
        Mono<Boolean> call = http.get()
                .uri("/internal/lists/{id}?userId={user}", listId, userId)
                .retrieve()
                .toBodilessEntity()
                .map(response -> true)
                .onErrorResume(
                        WebClientResponseException.class,
                        error -> error.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.just(false) : Mono.error(error))
                .timeout(Duration.ofSeconds(2))
                .retryWhen(Retry.backoff(1, Duration.ofMillis(100))
                        .filter(error -> !(error instanceof WebClientResponseException)));
        return breaker.run(call, Mono::error);
    }
}
