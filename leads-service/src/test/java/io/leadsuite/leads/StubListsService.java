package io.leadsuite.leads;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.testkit.SharedInfrastructure;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP server answering lists-service's {@code GET /internal/lists/{id}?userId=}: 200 for lists
 * it was told about (with the service token), whoever the user, 404 otherwise, 503 while "down". Counts how often each list was asked
 * about, whatever the answer.
 */
public final class StubListsService {

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final DisposableServer server;

    StubListsService() {
        server = HttpServer.create()
                .host("localhost")
                .port(0)
                .route(routes -> routes.get("/internal/lists/{id}", (request, response) -> {
                    asked.computeIfAbsent(request.param("id"), id -> new AtomicInteger())
                            .incrementAndGet();
                    if (down.get()) {
                        return response.status(503).send();
                    }
                    if (!SharedInfrastructure.INTERNAL_TOKEN.equals(
                                    request.requestHeaders().get(InternalApi.TOKEN_HEADER))
                            || !request.uri().contains("userId=")) {
                        return response.status(401).send();
                    }
                    boolean exists = known.contains(request.param("id"));
                    return response.status(exists ? 200 : 404)
                            .header("Content-Type", "application/json")
                            .sendString(Mono.just(exists ? "{\"id\":\"" + request.param("id") + "\"}" : "{}"));
                }))
                .bindNow();
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    /** A new list that only lists-service knows of (no event was published). */
    public ObjectId newList() {
        ObjectId id = new ObjectId();
        known.add(id.toHexString());
        return id;
    }

    /** How many requests for {@code list} reached this server. */
    public int timesAskedAbout(ObjectId list) {
        AtomicInteger times = asked.get(list.toHexString());
        return times == null ? 0 : times.get();
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }
}
