package io.leadsuite.gateway.edge;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/** CORS for the frontend and the circuit breaker settings of every route. */
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
                "X-RateLimit-Remaining"));
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
                .build();
        return factory -> factory.configureDefault(id ->
                new Resilience4JConfigBuilder(id).circuitBreakerConfig(config).build());
    }
}
