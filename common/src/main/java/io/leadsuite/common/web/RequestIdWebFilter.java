package io.leadsuite.common.web;

import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an id before anything else runs (security included, so a 401 carries one too):
 * the caller's {@code X-Request-Id} when it is well formed, a new UUID otherwise. The id is forwarded
 * on the request, echoed on the response and put in the Reactor context for logging.
 */
final class RequestIdWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
        String id =
                RequestIds.isAcceptable(offered) ? offered : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(RequestIds.HEADER, id))
                .build();
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(RequestIds.KEY, id);
        return chain.filter(withId).contextWrite(Context.of(RequestIds.KEY, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
