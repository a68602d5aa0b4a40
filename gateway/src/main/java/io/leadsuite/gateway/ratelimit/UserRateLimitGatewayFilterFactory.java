package io.leadsuite.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.leadsuite.common.web.ProblemResponseWriter;
import io.leadsuite.common.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller (the token's subject; the client address for public routes): {@code
 * capacity} requests, refilled evenly over {@code period}. Over the limit the answer is 429
 * problem+json with {@code Retry-After}; every allowed response says what is left in {@code
 * X-RateLimit-Remaining}. Each refusal counts in {@code leadsuite.gateway.rate.limited} (tag {@code
 * caller}: user or address).
 *
 * <p>Buckets live in this gateway instance's memory (bounded, idle ones evicted). With N replicas
 * behind a round-robin load balancer a caller gets about N times the limit; see the module README for
 * the options past one instance.
 */
@Component
public class UserRateLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<UserRateLimitGatewayFilterFactory.Config> {

    static final String REMAINING = "X-RateLimit-Remaining";

    private final ProblemResponseWriter problems;
    private final MeterRegistry meters;

    public UserRateLimitGatewayFilterFactory(ProblemResponseWriter problems, MeterRegistry meters) {
        super(Config.class);
        this.problems = problems;
        this.meters = meters;
        List.of("user", "address").forEach(this::refusals);
    }

    private Counter refusals(String caller) {
        return meters.counter("leadsuite.gateway.rate.limited", "caller", caller);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("capacity", "period");
    }

    @Override
    public GatewayFilter apply(Config config) {
        Objects.requireNonNull(config.getPeriod(), "period");
        Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .expireAfterAccess(config.getPeriod())
                .maximumSize(config.getMaxCallers())
                .build();
        return (exchange, chain) -> callerKey(exchange).flatMap(caller -> {
            ConsumptionProbe probe =
                    buckets.get(caller, key -> newBucket(config)).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                exchange.getResponse().getHeaders().set(REMAINING, Long.toString(probe.getRemainingTokens()));
                return chain.filter(exchange);
            }
            refusals(caller.substring(0, caller.indexOf(':'))).increment();
            return tooManyRequests(exchange, config, probe);
        });
    }

    private static Bucket newBucket(Config config) {
        return Bucket.builder()
                .addLimit(limit ->
                        limit.capacity(config.getCapacity()).refillGreedy(config.getCapacity(), config.getPeriod()))
                .build();
    }

    private static Mono<String> callerKey(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(user -> "user:" + user)
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
                    return "address:"
                            + (remote == null ? "unknown" : remote.getAddress().getHostAddress());
                }));
    }

    private Mono<Void> tooManyRequests(ServerWebExchange exchange, Config config, ConsumptionProbe probe) {
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ProblemDetail problem = Problems.titled(
                HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit of " + config.getCapacity() + " requests per "
                        + config.getPeriod().toSeconds() + " s reached. Retry after " + retryAfter + " s.");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        headers.set(REMAINING, "0");
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, problem, headers);
    }

    public static class Config {

        private long capacity = 300;
        private Duration period = Duration.ofMinutes(1);
        private long maxCallers = 1_000_000;

        public long getCapacity() {
            return capacity;
        }

        public void setCapacity(long capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.capacity = capacity;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive");
            }
            this.period = period;
        }

        public long getMaxCallers() {
            return maxCallers;
        }

        public void setMaxCallers(long maxCallers) {
            this.maxCallers = maxCallers;
        }
    }
}
