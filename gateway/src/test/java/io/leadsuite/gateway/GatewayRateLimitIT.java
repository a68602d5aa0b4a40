package io.leadsuite.gateway;

import io.leadsuite.testkit.LocalJwtIssuer;
import io.leadsuite.testkit.MeterCounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"GATEWAY_RATE_LIMIT_CAPACITY=3", "GATEWAY_RATE_LIMIT_PERIOD=1h"})
class GatewayRateLimitIT extends GatewayWithStubServicesIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void limitsEachUserSeparatelyAndSaysWhenToRetry(LocalJwtIssuer issuer) {
        double refusedBefore = refused();
        String greedy = issuer.mint("user_" + UUID.randomUUID());
        String patient = issuer.mint("user_" + UUID.randomUUID());

        for (int remaining = 2; remaining >= 0; remaining--) {
            get(greedy)
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-RateLimit-Remaining", String.valueOf(remaining));
        }
        get(greedy)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retryAfter -> org.assertj.core.api.Assertions.assertThat(Long.parseLong(retryAfter))
                                .isBetween(1L, 3600L))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429);

        get(patient).expectStatus().isOk();
        org.assertj.core.api.Assertions.assertThat(refused() - refusedBefore).isEqualTo(1);
    }

    private double refused() {
        return MeterCounts.count(meters, "leadsuite.gateway.rate.limited", "caller", "user");
    }

    private WebTestClient.ResponseSpec get(String token) {
        return http.get()
                .uri("/api/leads")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }
}
