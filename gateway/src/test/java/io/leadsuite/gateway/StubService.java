package io.leadsuite.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A real HTTP server standing in for a downstream service: it echoes the headers it received, can
 * stay silent forever, and streams Server-Sent Events on cue.
 */
final class StubService {

    private final DisposableServer server;
    private final Map<String, Sinks.One<Void>> releases = new ConcurrentHashMap<>();
    final AtomicInteger silentCalls = new AtomicInteger();

    StubService() {
        this.server = HttpServer.create()
                .host("localhost")
                .port(0)
                .route(routes -> routes.get(
                                "/api/leads",
                                (request, response) -> response.header("Content-Type", "application/json")
                                        .sendString(Mono.just(headersAsJson(request))))
                        .get(
                                "/api/integrations/hubspot/callback",
                                (request, response) -> response.header("Content-Type", "application/json")
                                        .sendString(Mono.just(headersAsJson(request))))
                        .get("/api/lists/silent", (request, response) -> {
                            silentCalls.incrementAndGet();
                            return response.sendString(Mono.never());
                        })
                        .get("/api/imports/{id}/events", (request, response) -> {
                            Sinks.One<Void> release = releases.computeIfAbsent(request.param("id"), id -> Sinks.one());
                            Flux<String> events = Flux.concat(
                                    Mono.just("data: first\n\n"),
                                    release.asMono().then(Mono.just("data: second\n\n")));
                            return response.header("Content-Type", "text/event-stream")
                                    .sendString(events, StandardCharsets.UTF_8);
                        })
                        .get(
                                "/v3/api-docs",
                                (request, response) -> response.header("Content-Type", "application/json")
                                        .sendString(
                                                Mono.just("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"stub\"}}"))))
                .bindNow();
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    /** Lets the event stream of import {@code id} send its second event. */
    void release(String id) {
        releases.computeIfAbsent(id, key -> Sinks.one()).tryEmitEmpty();
    }

    private static String headersAsJson(HttpServerRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.requestHeaders().forEach(entry -> headers.put(entry.getKey(), entry.getValue()));
        StringBuilder json = new StringBuilder("{");
        headers.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name.toLowerCase())
                .append("\":\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"'));
        return json.append('}').toString();
    }
}
