package io.leadsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.testkit.LocalJwtIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "GATEWAY_RESPONSE_TIMEOUT=500ms",
            "leadsuite.gateway.circuit-breaker.sliding-window-size=2",
            "leadsuite.gateway.circuit-breaker.minimum-number-of-calls=2",
            "leadsuite.gateway.circuit-breaker.wait-duration-in-open-state=1h"
        })
class GatewayCircuitBreakerIT extends GatewayWithStubServicesIT {

    @LocalServerPort
    int port;

    @Test
    void stopsCallingAServiceThatKeepsTimingOutAndAnswers503AtOnce(LocalJwtIssuer issuer) {
        String token = issuer.mint("user_" + UUID.randomUUID());
        silent(token).expectStatus().isEqualTo(504);
        silent(token).expectStatus().isEqualTo(504);
        int callsBeforeOpen = stub.silentCalls.get();

        silent(token).expectStatus().isEqualTo(503).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(stub.silentCalls.get()).as("calls that reached the service").isEqualTo(callsBeforeOpen);
        // Another route's circuit is closed. Asked on a new connection: this one only checks the route.
        WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .get()
                .uri("/api/leads")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private WebTestClient.ResponseSpec silent(String token) {
        return http.get()
                .uri("/api/lists/silent")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }
}
