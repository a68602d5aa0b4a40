package io.leadsuite.common.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a {@link ProblemDetail} as {@code application/problem+json} with the application's own JSON
 * codec, from places that have no controller to return it from (security entry points, the global
 * exception handler). Every problem names the request path as {@code instance} and carries the
 * request id, so a user's report can be matched to the logs.
 */
public final class ProblemResponseWriter {

    private final ServerResponse.Context context;

    public ProblemResponseWriter(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return HandlerStrategies.empty().build().viewResolvers();
            }
        };
    }

    public Mono<Void> write(
            ServerWebExchange exchange, HttpStatusCode status, ProblemDetail problem, HttpHeaders headers) {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        Object requestId = exchange.getAttribute(RequestIds.KEY);
        if (requestId != null) {
            problem.setProperty(RequestIds.KEY, requestId);
        }
        return ServerResponse.status(status)
                .headers(target -> target.addAll(headers))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }
}
