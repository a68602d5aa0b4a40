package io.leadsuite.leads.list;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Asks lists-service whether a list exists for the caller, on the caller's behalf (with the caller's
 * own token, so lists-service applies its own tenancy). Bounded in time, retried once on a transport
 * error, and behind a circuit breaker so a down lists-service costs nothing after a few failures.
 */
@Component
class ListsClient {

    private final WebClient http;
    private final ReactiveCircuitBreaker breaker;

    ListsClient(
            WebClient.Builder builder,
            ReactiveCircuitBreakerFactory<?, ?> breakers,
            @Value("${LISTS_SERVICE_URL:http://localhost:8082}") String listsService) {
        this.http = builder.baseUrl(listsService).build();
        this.breaker = breakers.create("lists-service");
    }

    /** {@code true} if the list exists for the caller, {@code false} if lists-service says it does not. */
    Mono<Boolean> exists(String listId) {
        Mono<Boolean> call = ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication ->
                        ((JwtAuthenticationToken) authentication).getToken().getTokenValue())
                .flatMap(token -> http.get()
                        .uri("/api/lists/{id}", listId)
                        .headers(headers -> headers.setBearerAuth(token))
                        .retrieve()
                        .toBodilessEntity()
                        .map(response -> true)
                        .onErrorResume(
                                WebClientResponseException.class,
                                error -> error.getStatusCode() == HttpStatus.NOT_FOUND
                                        ? Mono.just(false)
                                        : Mono.error(error))
                        .timeout(Duration.ofSeconds(2))
                        .retryWhen(Retry.backoff(1, Duration.ofMillis(100))
                                .filter(error -> !(error instanceof WebClientResponseException))))
                .defaultIfEmpty(false);
        return breaker.run(call, Mono::error);
    }
}
