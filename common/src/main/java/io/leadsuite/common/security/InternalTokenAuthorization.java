package io.leadsuite.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Admits a call to {@code /internal/**} only with the shared service-to-service secret in
 * {@code X-Internal-Token} (compared in constant time); with no secret configured, never.
 */
final class InternalTokenAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final byte @Nullable [] expected;

    InternalTokenAuthorization(@Nullable String token) {
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        String offered = context.getExchange().getRequest().getHeaders().getFirst(InternalApi.TOKEN_HEADER);
        boolean granted = expected != null
                && offered != null
                && MessageDigest.isEqual(expected, offered.getBytes(StandardCharsets.UTF_8));
        return Mono.just(new AuthorizationDecision(granted));
    }
}
