package io.leadsuite.gateway.edge;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.leadsuite.common.web.Problems;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;

/** CORS for the frontend, and the circuit breaker and bulkhead settings of every route. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /**
     * CORS is answered inside the security filter chain, so that a browser's preflight (which carries
     * no token) gets its answer instead of a 401.
     */
    @Bean
    org.springframework.security.config.Customizer<ServerHttpSecurity> corsForFrontend(EdgeProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.ACCEPT,
                HttpHeaders.IF_MATCH,
                "Idempotency-Key",
                "X-Request-Id",
                "Last-Event-ID"));
        cors.setExposedHeaders(List.of(
                HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER,
                HttpHeaders.CONTENT_DISPOSITION,
                HttpHeaders.ETAG,
                "X-Request-Id",
                "X-RateLimit-Remaining",
                "Idempotent-Replayed"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return http -> http.cors(spec -> spec.configurationSource(source));
    }

    @Bean
    org.springframework.cloud.client.circuitbreaker.Customizer<ReactiveResilience4JCircuitBreakerFactory>
            circuitBreakerDefaults(EdgeProperties properties) {
        EdgeProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(3)
                // A full bulkhead says nothing about the service's health.
                .ignoreExceptions(BulkheadFullException.class)
                .build();
        return factory -> factory.configureDefault(id ->
                new Resilience4JConfigBuilder(id).circuitBreakerConfig(config).build());
    }

    @Bean
    org.springframework.cloud.client.circuitbreaker.Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(
            EdgeProperties properties) {
        BulkheadConfig config = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.circuitBreaker().maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build();
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(config)
                .build());
    }

    /** A request refused by a full bulkhead is a 503 with {@code Retry-After}, not an unexpected error. */
    @Bean
    WebFilter bulkheadFullAsServiceUnavailable() {
        return (exchange, chain) -> chain.filter(exchange).onErrorMap(BulkheadFullException.class, full -> {
            ErrorResponseException busy = Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE, "The service has too many requests in flight; retry in a moment.");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return busy;
        });
    }
}
