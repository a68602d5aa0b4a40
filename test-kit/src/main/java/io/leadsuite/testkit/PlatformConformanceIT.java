package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service of the suite promises operators and the gateway: probes, metrics, an OpenAPI
 * document a frontend team can use (a summary, a resource tag and the error answers of every operation;
 * no internal path, no framework type as a schema), nothing else on actuator, and problem+json for calls
 * without a token or to unknown paths. A service runs these against itself by extending this class,
 * e.g. {@code class ListsServicePlatformIT extends PlatformConformanceIT {}}.
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
        String discovery = http.get()
                .uri("/actuator")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(discovery)
                        .path("_links")
                        .properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus");
        // Every endpoint id of Spring Boot, Spring Cloud (Commons, Stream, Gateway, Bus) and Resilience4j.
        List<String> others = List.of(
                "auditevents",
                "beans",
                "caches",
                "conditions",
                "configprops",
                "env",
                "flyway",
                "heapdump",
                "httpexchanges",
                "integrationgraph",
                "liquibase",
                "logfile",
                "loggers",
                "mappings",
                "metrics",
                "quartz",
                "sbom",
                "scheduledtasks",
                "sessions",
                "shutdown",
                "startup",
                "threaddump",
                "refresh",
                "restart",
                "pause",
                "resume",
                "features",
                "serviceregistry",
                "bindings",
                "channels",
                "gateway",
                "busrefresh",
                "busenv",
                "circuitbreakers",
                "circuitbreakerevents",
                "retries",
                "retryevents",
                "ratelimiters",
                "ratelimiterevents",
                "bulkheads",
                "bulkheadevents",
                "timelimiters",
                "timelimiterevents");
        for (String endpoint : others) {
            http.get().uri("/actuator/" + endpoint).exchange().expectStatus().isNotFound();
        }
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

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern CLASS_NAME_TAG = Pattern.compile(".*-controller", Pattern.CASE_INSENSITIVE);
    private static final Pattern FRAMEWORK_SCHEMA =
            Pattern.compile("(DataBuffer|MultiValueMap|Flux|Mono|ServerWebExchange|ResponseEntity|Publisher).*");

    @Test
    void openApiDocumentHasASummaryOnEveryOperationAndNoInternalPath() {
        String json = http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(openApiFlaws(JsonMapper.builder().build().readTree(json))).isEmpty();
    }

    /**
     * What keeps an OpenAPI document from being usable by a frontend: operations without a summary, a
     * resource tag or their 4xx problem+json answers; internal (service-to-service) paths; framework
     * types where the JSON shape should be.
     */
    static List<String> openApiFlaws(JsonNode document) {
        List<String> flaws = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith("/internal")) {
                flaws.add(path.getKey() + " is internal but in the public document");
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!HTTP_METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode op = operation.getValue();
                if (op.path("summary").asString("").isBlank()) {
                    flaws.add(name + " has no summary");
                }
                if (op.path("tags").isEmpty()) {
                    flaws.add(name + " has no tag");
                }
                for (JsonNode tag : op.path("tags")) {
                    if (CLASS_NAME_TAG.matcher(tag.asString()).matches()) {
                        flaws.add(name + " is tagged with a class name: " + tag.asString());
                    }
                }
                boolean clientError = false;
                for (Map.Entry<String, JsonNode> response : op.path("responses").properties()) {
                    if (response.getKey().startsWith("4")) {
                        clientError = true;
                    }
                    if (response.getKey().matches("[45]\\d\\d")
                            && response.getValue()
                                    .path("content")
                                    .path(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                                    .isMissingNode()) {
                        flaws.add(name + " answers " + response.getKey() + " without application/problem+json");
                    }
                }
                if (!clientError) {
                    flaws.add(name + " documents no 4xx response");
                }
            }
        }
        JsonNode schemas = document.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> schema : schemas.properties()) {
            if (FRAMEWORK_SCHEMA.matcher(schema.getKey()).matches()) {
                flaws.add("schema " + schema.getKey() + " is a framework type");
            }
        }
        for (JsonNode ref : document.findValues("$ref")) {
            String name = ref.asString().substring(ref.asString().lastIndexOf('/') + 1);
            if (!ref.asString().startsWith("#/components/schemas/") || !schemas.has(name)) {
                flaws.add("$ref " + ref.asString() + " names no schema of the document");
            }
        }
        return flaws;
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
