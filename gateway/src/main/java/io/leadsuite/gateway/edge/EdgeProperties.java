package io.leadsuite.gateway.edge;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway does at the edge besides routing.
 *
 * @param corsAllowedOrigins the frontend origins browsers may call the API from
 * @param circuitBreaker when a service's circuit opens, per route
 */
@ConfigurationProperties("leadsuite.gateway")
public record EdgeProperties(
        @DefaultValue("http://localhost:3000") List<String> corsAllowedOrigins,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * A circuit opens when at least {@code failureRateThreshold} percent of the last {@code
     * slidingWindowSize} calls (once {@code minimumNumberOfCalls} were made) failed to connect or
     * timed out; it stays open for {@code waitDurationInOpenState}, answering 503 at once. At most
     * {@code maxConcurrentCalls} requests per route are in flight in one gateway instance (a bulkhead,
     * so one slow service cannot hold every connection); more answer 503 with {@code Retry-After} at once.
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitDurationInOpenState,
            @DefaultValue("256") int maxConcurrentCalls) {}
}
