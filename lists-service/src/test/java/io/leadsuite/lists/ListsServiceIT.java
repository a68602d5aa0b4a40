package io.leadsuite.lists;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.testkit.ListsApi;
import io.leadsuite.testkit.SharedInfrastructure;
import io.leadsuite.testkit.WithInfrastructure;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * lists-service on a random port against the test kit's Kafka, MongoDB and issuer, with a stub of
 * leads-service's internal count API; the tests extending it share one application context (and so one
 * member of the {@code lists-service} consumer group).
 */
@WithInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ListsServiceIT {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = ListsApi.JSON;

    /** The header of the service-to-service secret ({@link SharedInfrastructure#INTERNAL_TOKEN}). */

    /**
     * What the stub leads-service answers as the true count of each list; it leaves out lists it does not
     * know, so a repair leaves other tests' lists alone.
     */
    protected static final Map<String, Long> trueCounts = new ConcurrentHashMap<>();

    private static final DisposableServer leadsService = HttpServer.create()
            .host("localhost")
            .port(0)
            .route(routes -> routes.get("/internal/list-counts", (request, response) -> {
                if (!SharedInfrastructure.INTERNAL_TOKEN.equals(
                        request.requestHeaders().get(InternalApi.TOKEN_HEADER))) {
                    return response.status(401).send();
                }
                StringBuilder json = new StringBuilder("{");
                new QueryStringDecoder(request.uri())
                        .parameters().getOrDefault("listId", List.of()).stream()
                                .filter(trueCounts::containsKey)
                                .forEach(list -> json.append(json.length() > 1 ? "," : "")
                                        .append('"')
                                        .append(list)
                                        .append("\":")
                                        .append(trueCounts.get(list)));
                return response.header("Content-Type", "application/json")
                        .sendString(Mono.just(json.append('}').toString()));
            }))
            .bindNow();

    @Autowired
    protected WebTestClient http;

    @DynamicPropertySource
    static void leadsService(DynamicPropertyRegistry registry) {
        registry.add("leadsuite.lists.leads-service-url", () -> "http://localhost:" + leadsService.port());
    }

    protected static String newUser() {
        return "user_" + UUID.randomUUID();
    }

    protected static String token(String userId) {
        return SharedInfrastructure.jwtIssuer().mint(userId);
    }

    protected static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    protected ListsApi api() {
        return new ListsApi(http);
    }

    protected Map<String, Object> createList(String token, String name) {
        return api().createList(token, name);
    }

    protected long leadCount(String token, String listId) {
        return api().leadCount(token, listId);
    }
}
