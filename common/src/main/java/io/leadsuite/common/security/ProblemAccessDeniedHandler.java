package io.leadsuite.common.security;

import io.leadsuite.common.web.ProblemResponseWriter;
import io.leadsuite.common.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers an authenticated caller without the needed rights with 403 problem+json. */
final class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    private final ProblemResponseWriter writer;

    ProblemAccessDeniedHandler(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return writer.write(
                exchange,
                HttpStatus.FORBIDDEN,
                Problems.titled(HttpStatus.FORBIDDEN, "You may not do this."),
                new HttpHeaders());
    }
}
