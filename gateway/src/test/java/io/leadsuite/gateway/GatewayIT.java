package io.leadsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.testkit.LocalJwtIssuer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "GATEWAY_RESPONSE_TIMEOUT=1s",
            "GATEWAY_STREAM_IDLE_TIMEOUT_MS=30000",
            "leadsuite.security.authorized-parties=" + LocalJwtIssuer.DEFAULT_AUTHORIZED_PARTY,
            "CORS_ALLOWED_ORIGINS=https://app.example.com"
        })
class GatewayIT extends GatewayWithStubServicesIT {

    @DynamicPropertySource
    static void linesServiceIsDown(DynamicPropertyRegistry registry) {
        registry.add("LINES_SERVICE_URL", () -> "http://localhost:" + closedPort());
    }

    @Test
    void forwardsAnAuthenticatedCallWithItsTokenAndARequestId(LocalJwtIssuer issuer) {
        String token = issuer.mint(newUser());

        Map<String, String> seen = echo(http.get().uri("/api/leads").headers(bearer(token)));

        assertThat(seen).containsEntry("authorization", "Bearer " + token).containsKey("x-request-id");
    }

    @Test
    void keepsTheCallersRequestIdOnBothSides(LocalJwtIssuer issuer) {
        String requestId = "client-" + UUID.randomUUID();

        Map<String, String> seen = echo(
                http.get().uri("/api/leads").header("X-Request-Id", requestId).headers(bearer(issuer.mint(newUser()))));

        assertThat(seen).containsEntry("x-request-id", requestId);
        http.get()
                .uri("/api/leads")
                .header("X-Request-Id", requestId)
                .headers(bearer(issuer.mint(newUser())))
                .exchange()
                .expectHeader()
                .values("X-Request-Id", values -> assertThat(values).containsExactly(requestId));
    }

    @Test
    void stripsIdentityHeadersThatAClientSends(LocalJwtIssuer issuer) {
        Map<String, String> seen = echo(http.get()
                .uri("/api/leads")
                .headers(bearer(issuer.mint(newUser())))
                .header("X-User-Id", "user_victim")
                .header("X-Workspace-Id", "org_victim")
                .header("X-Clerk-User-Id", "user_victim")
                .header("x-auth-request-user", "user_victim")
                .header("X-Forwarded-User", "user_victim")
                .header(InternalApi.TOKEN_HEADER, "guessed-service-secret")
                .header("X-Custom-Trace", "kept"));

        assertThat(seen)
                .doesNotContainKeys(
                        "x-user-id",
                        "x-workspace-id",
                        "x-clerk-user-id",
                        "x-auth-request-user",
                        "x-forwarded-user",
                        "x-internal-token")
                .containsEntry("x-custom-trace", "kept");
    }

    @Test
    void letsOnlyTheOAuthCallbackThroughWithoutAToken() {
        Map<String, String> seen = echo(http.get().uri("/api/integrations/hubspot/callback?code=c&state=s"));

        assertThat(seen).doesNotContainKey("authorization");
        expectUnauthorized(http.get().uri("/api/integrations/hubspot"));
        expectUnauthorized(http.post().uri("/api/integrations/hubspot"));
        expectUnauthorized(http.get().uri("/api/integrations/hubspot/callback/more"));
        expectUnauthorized(http.get().uri("/api/sync"));
    }

    @Test
    void refusesAMissingToken() {
        expectUnauthorized(http.get().uri("/api/leads"))
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void refusesAnExpiredToken(LocalJwtIssuer issuer) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String token = issuer.token(newUser())
                .issuedAt(past)
                .notBefore(past)
                .expiresAt(past.plusSeconds(60))
                .sign();

        expectUnauthorized(http.get().uri("/api/leads").headers(bearer(token)))
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).containsIgnoringCase("expired"));
    }

    @Test
    void refusesATokenThatIsNotYetValid(LocalJwtIssuer issuer) {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        String token = issuer.token(newUser())
                .notBefore(later)
                .expiresAt(later.plusSeconds(3600))
                .sign();

        expectUnauthorized(http.get().uri("/api/leads").headers(bearer(token)));
    }

    @Test
    void refusesATokenFromAnotherIssuer(LocalJwtIssuer issuer) {
        String token = issuer.token(newUser())
                .issuer("https://evil.clerk.accounts.dev")
                .sign();

        expectUnauthorized(http.get().uri("/api/leads").headers(bearer(token)))
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("iss"));
    }

    @Test
    void refusesATokenWithABadSignature(LocalJwtIssuer issuer) {
        String token = issuer.token(newUser()).forgedSignature().sign();

        expectUnauthorized(http.get().uri("/api/leads").headers(bearer(token)));
    }

    @Test
    void refusesATokenMintedForAnotherApplication(LocalJwtIssuer issuer) {
        String token = issuer.token(newUser())
                .authorizedParty("https://other-app.example.com")
                .sign();

        expectUnauthorized(http.get().uri("/api/leads").headers(bearer(token)));
    }

    @Test
    void refusesAGarbledToken() {
        expectUnauthorized(http.get().uri("/api/leads").headers(bearer("not.a.jwt")));
    }

    @Test
    void answersUnknownPathsWith404(LocalJwtIssuer issuer) {
        http.get()
                .uri("/api/nothing-here")
                .headers(bearer(issuer.mint(newUser())))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get()
                .uri("/internal/admin")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
    }

    @Test
    void answers503WhenAServiceIsDown(LocalJwtIssuer issuer) {
        http.get()
                .uri("/api/lines")
                .headers(bearer(issuer.mint(newUser(), "org_" + UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.requestId")
                .exists();
    }

    @Test
    void answers504WhenAServiceDoesNotAnswerInTime(LocalJwtIssuer issuer) {
        int before = stub.silentCalls.get();

        http.get()
                .uri("/api/lists/silent")
                .headers(bearer(issuer.mint(newUser())))
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Gateway Timeout");
        assertThat(stub.silentCalls.get()).isEqualTo(before + 1);
    }

    @Test
    void passesServerSentEventsThroughAsTheyHappen(LocalJwtIssuer issuer) {
        String importId = UUID.randomUUID().toString();
        Flux<String> events = http.get()
                .uri("/api/imports/{id}/events", importId)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(bearer(issuer.mint(newUser())))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();

        // The first event arrives while the service still holds back the second one: nothing buffers
        // the stream until it completes.
        StepVerifier.create(events)
                .expectNext("first")
                .then(() -> stub.release(importId))
                .expectNext("second")
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void answersCorsPreflightForTheFrontendOnly() {
        http.options()
                .uri("/api/leads")
                .header(HttpHeaders.ORIGIN, "https://app.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com");
        http.options()
                .uri("/api/leads")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void servesTheAggregatedApiDocs() {
        http.get()
                .uri("/v3/api-docs/leads-service")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("stub");
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$['urls.primaryName']")
                .isEqualTo("leads-service");
    }

    private Map<String, String> echo(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
                .returnResult()
                .getResponseBody();
    }

    private static WebTestClient.ResponseSpec expectUnauthorized(WebTestClient.RequestHeadersSpec<?> request) {
        WebTestClient.ResponseSpec response = request.exchange();
        response.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader()
                .exists("X-Request-Id");
        return response;
    }

    private static java.util.function.Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    private static String newUser() {
        return "user_" + UUID.randomUUID();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
