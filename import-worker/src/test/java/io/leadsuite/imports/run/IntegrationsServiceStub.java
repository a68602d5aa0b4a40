package io.leadsuite.imports.run;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.simulators.hubspot.HubSpotSimulator;
import io.leadsuite.testkit.SharedInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * integrations-service's access-token endpoint as the worker sees it, over real HTTP, holding real
 * grants of the HubSpot simulator: a connection is made with a code the simulator issues, and its
 * access token is refreshed at the simulator when less than {@link #refreshAhead} is left, as the real
 * service does (single-flight here by a lock). A connection whose refresh HubSpot refuses answers 409,
 * an unknown one 404.
 */
final class IntegrationsServiceStub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REDIRECT = "http://suite.example.test/api/integrations/hubspot/callback";

    private final HubSpotSimulator hubspot;
    private final HttpClient client = HttpClient.newHttpClient();
    private final DisposableServer server;
    private final Map<ObjectId, Grant> grants = new ConcurrentHashMap<>();
    final AtomicInteger refreshes = new AtomicInteger();
    volatile Duration refreshAhead = Duration.ofMinutes(5);

    private record Grant(String refreshToken, String accessToken, Instant expiresAt, String accountId) {}

    IntegrationsServiceStub(HubSpotSimulator hubspot) {
        this.hubspot = hubspot;
        this.server = HttpServer.create()
                .host("localhost")
                .port(0)
                .route(routes -> routes.post("/internal/integrations/{id}/access-token", (request, response) -> {
                    if (!SharedInfrastructure.INTERNAL_TOKEN.equals(
                            request.requestHeaders().get(InternalApi.TOKEN_HEADER))) {
                        return response.status(401).send();
                    }
                    String id = request.param("id");
                    return Mono.fromCallable(() -> current(new ObjectId(id)))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(grant -> response.header("Content-Type", "application/json")
                                    .sendString(Mono.just(JSON.writeValueAsString(Map.of(
                                            "accessToken", grant.accessToken(),
                                            "expiresAt", grant.expiresAt().toString(),
                                            "accountId", grant.accountId()))))
                                    .then())
                            .onErrorResume(
                                    Gone.class,
                                    gone -> response.status(404).send().then())
                            .onErrorResume(
                                    Refused.class,
                                    refused -> response.status(409).send().then());
                }))
                .bindNow();
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    /** Connects a new integration, as a user's consent and the callback would. */
    ObjectId connect() {
        ObjectId id = new ObjectId();
        JsonNode token = exchange(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                hubspot.authorizationCode(REDIRECT),
                "redirect_uri",
                REDIRECT));
        grants.put(id, grant(token, token.get("refresh_token").asString()));
        return id;
    }

    private synchronized Grant current(ObjectId id) {
        Grant grant = grants.get(id);
        if (grant == null) {
            throw new Gone();
        }
        if (grant.expiresAt().minus(refreshAhead).isAfter(Instant.now())) {
            return grant;
        }
        JsonNode token = exchange(Map.of("grant_type", "refresh_token", "refresh_token", grant.refreshToken()));
        if (!token.has("access_token")) {
            throw new Refused();
        }
        refreshes.incrementAndGet();
        Grant refreshed = grant(token, grant.refreshToken());
        grants.put(id, refreshed);
        return refreshed;
    }

    private Grant grant(JsonNode token, String refreshToken) {
        return new Grant(
                refreshToken,
                token.get("access_token").asString(),
                Instant.now().plusSeconds(token.get("expires_in").asLong()),
                String.valueOf(hubspot.hubId()));
    }

    private JsonNode exchange(Map<String, String> form) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(form);
        fields.put("client_id", hubspot.clientId());
        fields.put("client_secret", hubspot.clientSecret());
        String body = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(hubspot.baseUrl() + "/oauth/2026-03/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static final class Gone extends RuntimeException {}

    private static final class Refused extends RuntimeException {}
}
