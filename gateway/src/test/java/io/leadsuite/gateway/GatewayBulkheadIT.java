package io.leadsuite.gateway;

import static org.awaitility.Awaitility.await;

import io.leadsuite.testkit.LocalJwtIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"GATEWAY_RESPONSE_TIMEOUT=5s", "leadsuite.gateway.circuit-breaker.max-concurrent-calls=2"})
class GatewayBulkheadIT extends GatewayWithStubServicesIT {

    @LocalServerPort
    int port;

    @Test
    void aRouteWithAllItsCallsInFlightAnswers503WithRetryAfterAtOnce(LocalJwtIssuer issuer) {
        String token = issuer.mint("user_" + UUID.randomUUID());
        int silentBefore = stub.silentCalls.get();
        WebClient client = WebClient.create("http://localhost:" + port);
        Disposable hanging = reactor.core.publisher.Flux.range(0, 2)
                .flatMap(i -> client.get()
                        .uri("/api/lists/silent")
                        .headers(headers -> headers.setBearerAuth(token))
                        .retrieve()
                        .toBodilessEntity()
                        .onErrorComplete())
                .subscribe();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> stub.silentCalls.get() == silentBefore + 2);

            http.get()
                    .uri("/api/lists")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "1")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            http.get()
                    .uri("/api/leads")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk();
        } finally {
            hanging.dispose();
        }
        // Once the hanging calls end, requests reach the service again (the stub has no /api/lists: 404).
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.get()
                        .uri("/api/lists")
                        .headers(headers -> headers.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isNotFound());
    }
}
