package io.leadsuite.imports.crm;

import io.leadsuite.common.security.InternalApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.types.ObjectId;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A connection's current access token, from integrations-service ({@code POST
 * /internal/integrations/{id}/access-token}), which alone holds the refresh token and refreshes ahead of
 * expiry, once across every instance. A token is kept here until {@code margin} before it expires, then
 * asked for again; one the provider rejected is forgotten at once. A connection that must be reconnected
 * (409) or no longer exists (404) is a {@link ConnectionRefused}.
 */
public class AccessTokens {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient http;
    private final Clock clock;
    private final Duration margin;
    private final Map<ObjectId, Token> tokens = new ConcurrentHashMap<>();

    public AccessTokens(WebClient.Builder builder, String baseUrl, String internalToken, Clock clock, Duration margin) {
        this.http = builder.baseUrl(baseUrl)
                .defaultHeader(InternalApi.TOKEN_HEADER, internalToken)
                .build();
        this.clock = clock;
        this.margin = margin;
    }

    /** An access token and the provider account it acts in. Its {@code toString} never shows the token. */
    public record Token(String accessToken, Instant expiresAt, String accountId) {

        @Override
        public String toString() {
            return "Token[account=" + accountId + ", expiresAt=" + expiresAt + "]";
        }
    }

    public Mono<Token> current(ObjectId integrationId) {
        Token kept = tokens.get(integrationId);
        if (kept != null && kept.expiresAt().minus(margin).isAfter(clock.instant())) {
            return Mono.just(kept);
        }
        return http.post()
                .uri("/internal/integrations/{id}/access-token", integrationId.toHexString())
                .retrieve()
                .bodyToMono(Token.class)
                .timeout(TIMEOUT)
                .onErrorMap(
                        WebClientResponseException.Conflict.class,
                        lost -> new ConnectionRefused(
                                "reconnect-required",
                                "The connection no longer works and must be reconnected by its user."))
                .onErrorMap(
                        WebClientResponseException.NotFound.class,
                        gone -> new ConnectionRefused("disconnected", "The connection was removed."))
                .retryWhen(Retry.backoff(5, Duration.ofMillis(500))
                        .filter(error -> error instanceof WebClientRequestException
                                || error instanceof java.util.concurrent.TimeoutException
                                || (error instanceof WebClientResponseException response
                                        && response.getStatusCode().is5xxServerError())))
                .doOnNext(token -> tokens.put(integrationId, token));
    }

    /** The provider rejected {@code token}: the next call asks integrations-service again. */
    public void rejected(ObjectId integrationId, Token token) {
        tokens.remove(integrationId, token);
    }
}
