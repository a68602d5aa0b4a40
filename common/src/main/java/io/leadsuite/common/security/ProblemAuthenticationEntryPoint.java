package io.leadsuite.common.security;

import io.leadsuite.common.web.ProblemResponseWriter;
import io.leadsuite.common.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a missing or rejected bearer token with 401 {@code application/problem+json} that says why
 * (expired, wrong issuer, bad signature...), plus the RFC 6750 {@code WWW-Authenticate} challenge.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemResponseWriter writer;

    ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        String challenge = "Bearer";
        String detail = "A bearer token is required.";
        if (ex instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            detail = description == null ? "The bearer token is invalid." : description;
            challenge = "Bearer error=\"" + oauth.getError().getErrorCode() + "\", error_description=\""
                    + detail.replace("\"", "'") + "\"";
            if (oauth.getError() instanceof BearerTokenError bearer) {
                status = bearer.getHttpStatus();
            }
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return writer.write(exchange, status, Problems.titled(status, detail), headers);
    }
}
