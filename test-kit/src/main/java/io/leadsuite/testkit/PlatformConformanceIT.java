package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every service of the suite promises operators and the gateway: probes, metrics, an OpenAPI
 * document, nothing else on actuator, and problem+json for calls without a token or to unknown paths.
 * A service runs these against itself by extending this class, e.g. {@code class ListsServicePlatformIT
 * extends PlatformConformanceIT {}}.
 */
@WithInfrastructure({Component.MONGODB, Component.JWT_ISSUER})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class PlatformConformanceIT {

    @Autowired
    protected WebTestClient http;

    @Value("${spring.application.name}")
    String applicationName;

    @Test
    void reportsLivenessAndReadinessIncludingItsDatabase() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsTaggedWithTheApplication() {
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("application=\"" + applicationName + "\""));
    }

    @Test
    void exposesNoOtherActuatorEndpoints() {
        http.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        http.get().uri("/actuator/beans").exchange().expectStatus().isNotFound();
    }

    @Test
    void publishesAnOpenApiDocumentSecuredByTheSessionToken() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo(applicationName)
                .jsonPath("$.components.securitySchemes.clerkSession.scheme")
                .isEqualTo("bearer")
                .jsonPath("$.servers[0].url")
                .isEqualTo("/")
                .jsonPath("$..parameters[?(@.name == 'tenant')]")
                .doesNotExist();
    }

    @Test
    void refusesApiCallsWithoutATokenWithProblemJson() {
        http.get()
                .uri("/api/conformance")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader()
                .exists("X-Request-Id");
    }

    @Test
    void answersUnknownPathsWithProblemJson(LocalJwtIssuer issuer) {
        http.get()
                .uri("/api/conformance/" + UUID.randomUUID())
                .headers(headers -> headers.setBearerAuth(issuer.mint("user_" + UUID.randomUUID(), "org_conformance")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404);
    }
}
