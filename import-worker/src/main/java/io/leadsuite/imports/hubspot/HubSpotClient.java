package io.leadsuite.imports.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.leadsuite.imports.crm.AccessTokens;
import io.leadsuite.imports.crm.CallBudget;
import io.leadsuite.imports.crm.ConnectionRefused;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's contacts API as the import reads it: the list (every contact, by id) and the search (the
 * contacts modified since a moment, by id). Every call takes its place in the account's shared budget
 * first ({@link CallBudget}: the burst limit, and the search limit for a search), acts with the
 * connection's current access token, and goes through one circuit breaker for HubSpot, which opens when
 * HubSpot keeps failing.
 *
 * <p>Answers, as HubSpot gives them: a 429 of the burst or search limit is retried after
 * {@code Retry-After} when HubSpot sends one, otherwise after an exponential backoff with jitter; a 429
 * of the {@code DAILY} limit is a {@link ConnectionRefused} ({@code daily-limit}): no retry helps before
 * the day ends. 5xx answers and transport errors are retried with the same backoff. A 401 forgets the
 * token and tries once more with a fresh one; a second is {@code reconnect-required}. A 403 (a missing
 * scope) is {@code missing-scopes}.
 */
public class HubSpotClient {

    /** The most contacts a list page holds. */
    public static final int LIST_PAGE = 100;

    /** The most contacts a search page holds. */
    public static final int SEARCH_PAGE = 200;

    /** HubSpot answers no search past this many results (an {@code after} at or past it is a 400). */
    public static final int SEARCH_CAP = 10_000;

    /** The most contacts one batch upsert takes. */
    public static final int UPSERT_BATCH = 100;

    static final String PROVIDER = "hubspot";

    private final WebClient http;
    private final AccessTokens tokens;
    private final CallBudget budget;
    private final HubSpotProperties properties;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final MeterRegistry meters;

    public HubSpotClient(
            WebClient.Builder builder,
            HubSpotProperties properties,
            AccessTokens tokens,
            CallBudget budget,
            MeterRegistry meters) {
        this.http = builder.clone()
                .baseUrl(properties.apiBaseUrl().toString())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .build();
        this.tokens = tokens;
        this.budget = budget;
        this.properties = properties;
        this.breaker = CircuitBreaker.of(
                PROVIDER,
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .recordException(HubSpotClient::providerFailure)
                        .build());
        this.meters = meters;
        IntervalFunction backoff =
                IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.5, Duration.ofSeconds(30));
        this.retry = Retry.of(
                PROVIDER,
                RetryConfig.custom()
                        .maxAttempts(10)
                        .retryOnException(HubSpotClient::worthRetrying)
                        .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                                        && outcome.getLeft() instanceof RateLimited limited
                                        && limited.retryAfter != null
                                ? limited.retryAfter.toMillis()
                                : backoff.apply(attempt))
                        .build());
    }

    /** The page of every contact after the list cursor {@code after} ({@code null}: the first page). */
    public Mono<ContactPage> list(ObjectId integrationId, @Nullable String after, List<String> names) {
        return call(
                integrationId,
                "list",
                false,
                token -> http.get()
                        .uri(uri -> {
                            uri.path("/crm/v3/objects/contacts")
                                    .queryParam("limit", LIST_PAGE)
                                    .queryParam("properties", String.join(",", names));
                            if (after != null) {
                                uri.queryParam("after", after);
                            }
                            return uri.build();
                        })
                        .headers(headers -> headers.setBearerAuth(token))
                        .exchangeToMono(response -> page(response, "list")));
    }

    /**
     * The page of the contacts modified at or after {@code since} whose id is above {@code afterId},
     * in id order, from offset {@code after} of that query.
     */
    public Mono<ContactPage> search(
            ObjectId integrationId,
            @Nullable Instant since,
            @Nullable String afterId,
            @Nullable String after,
            int limit,
            List<String> names) {
        List<Map<String, Object>> filters = new ArrayList<>();
        if (since != null) {
            filters.add(filter("lastmodifieddate", "GTE", String.valueOf(since.toEpochMilli())));
        }
        if (afterId != null) {
            filters.add(filter("hs_object_id", "GT", afterId));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", filters.isEmpty() ? List.of() : List.of(Map.of("filters", filters)));
        body.put("sorts", List.of(Map.of("propertyName", "hs_object_id", "direction", "ASCENDING")));
        body.put("properties", names);
        body.put("limit", limit);
        if (after != null) {
            body.put("after", after);
        }
        return call(
                integrationId,
                "search",
                true,
                token -> http.post()
                        .uri("/crm/v3/objects/contacts/search")
                        .headers(headers -> headers.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchangeToMono(response -> page(response, "search")));
    }

    /**
     * Creates or updates contacts by email ({@code batch/upsert}, at most {@value #UPSERT_BATCH}): the
     * contacts as stored, and for a 207 the inputs HubSpot refused, by email, with its reason.
     *
     * @param contacts email → the properties to write
     */
    public Mono<Upserted> upsert(ObjectId integrationId, Map<String, Map<String, String>> contacts) {
        if (contacts.size() > UPSERT_BATCH) {
            throw new IllegalArgumentException("at most " + UPSERT_BATCH + " contacts per upsert");
        }
        List<Map<String, Object>> inputs = new ArrayList<>();
        contacts.forEach(
                (email, values) -> inputs.add(Map.of("idProperty", "email", "id", email, "properties", values)));
        return call(
                integrationId,
                "batch-upsert",
                false,
                token -> http.post()
                        .uri("/crm/v3/objects/contacts/batch/upsert")
                        .headers(headers -> headers.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("inputs", inputs))
                        .exchangeToMono(response -> {
                            int status = response.statusCode().value();
                            if (status == 200 || status == 207) {
                                return response.bodyToMono(JsonNode.class).map(HubSpotClient::upserted);
                            }
                            return response.bodyToMono(JsonNode.class)
                                    .defaultIfEmpty(tools.jackson.databind.node.NullNode.getInstance())
                                    .flatMap(body -> Mono.error(
                                            failure(status, response.headers().asHttpHeaders(), body, "batch upsert")));
                        }));
    }

    /**
     * @param contacts each contact written, with its id and properties
     * @param refused email → why HubSpot refused that input
     */
    public record Upserted(List<Contact> contacts, Map<String, String> refused) {}

    private static Upserted upserted(JsonNode body) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (JsonNode error : body.path("errors")) {
            String reason = error.path("errors")
                            .path(0)
                            .path("code")
                            .asString(error.path("category").asString("ERROR")) + ": "
                    + error.path("message").asString("");
            for (JsonNode id : error.path("context").path("ids")) {
                refused.put(id.asString(), reason);
            }
        }
        return new Upserted(contacts(body).contacts(), refused);
    }

    private static Map<String, Object> filter(String property, String operator, String value) {
        return Map.of("propertyName", property, "operator", operator, "value", value);
    }

    private <T> Mono<T> call(
            ObjectId integrationId, String operation, boolean search, Function<String, Mono<T>> request) {
        AtomicBoolean rejectedOnce = new AtomicBoolean();
        return Mono.defer(() -> tokens.current(integrationId).flatMap(token -> {
                    CallBudget.Limit calls = new CallBudget.Limit(
                            key(token, "calls"), properties.callsPerSecond(), Duration.ofSeconds(1));
                    Mono<Void> place = budget.take(calls);
                    if (search) {
                        place = place.then(
                                budget.take(new CallBudget.Limit(key(token, "search"), 1, properties.searchSlot())));
                    }
                    return place.then(Mono.defer(() -> request.apply(token.accessToken())))
                            .timeout(properties.timeout())
                            .onErrorMap(TokenRejected.class, rejected -> {
                                tokens.rejected(integrationId, token);
                                return rejectedOnce.getAndSet(true)
                                        ? new ConnectionRefused(
                                                "reconnect-required",
                                                "HubSpot no longer accepts this connection's tokens; reconnect it.")
                                        : rejected;
                            });
                }))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .doOnSuccess(done -> count(operation, "ok"))
                .doOnError(error -> count(operation, outcome(error)))
                .transformDeferred(RetryOperator.of(retry));
    }

    private static String key(AccessTokens.Token token, String limit) {
        return PROVIDER + ":" + token.accountId() + ":" + limit;
    }

    private void count(String operation, String outcome) {
        meters.counter(
                        "leadsuite.imports.provider.calls",
                        "provider",
                        PROVIDER,
                        "operation",
                        operation,
                        "outcome",
                        outcome)
                .increment();
    }

    private static String outcome(Throwable error) {
        if (error instanceof RateLimited) {
            return "rate-limited";
        }
        if (error instanceof TokenRejected || error instanceof ConnectionRefused) {
            return "refused";
        }
        if (error instanceof CallNotPermittedException) {
            return "circuit-open";
        }
        return "unavailable";
    }

    /** What opens the breaker: HubSpot failing to answer, not answering "no". */
    private static boolean providerFailure(Throwable error) {
        return error instanceof Unavailable
                || error instanceof WebClientRequestException
                || error instanceof TimeoutException;
    }

    private static boolean worthRetrying(Throwable error) {
        return error instanceof RateLimited
                || error instanceof TokenRejected
                || error instanceof Unavailable
                || error instanceof CallNotPermittedException
                || error instanceof WebClientRequestException
                || error instanceof TimeoutException;
    }

    private Mono<ContactPage> page(ClientResponse response, String operation) {
        int status = response.statusCode().value();
        if (status == 200) {
            return response.bodyToMono(JsonNode.class).map(HubSpotClient::contacts);
        }
        return response.bodyToMono(JsonNode.class)
                .defaultIfEmpty(tools.jackson.databind.node.NullNode.getInstance())
                .flatMap(body -> Mono.error(failure(status, response.headers().asHttpHeaders(), body, operation)));
    }

    private static ContactPage contacts(JsonNode body) {
        List<Contact> contacts = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            Map<String, @Nullable String> values = new LinkedHashMap<>();
            result.path("properties")
                    .properties()
                    .forEach(entry -> values.put(
                            entry.getKey(),
                            entry.getValue().isNull() ? null : entry.getValue().asString()));
            contacts.add(new Contact(result.path("id").asString(), values));
        }
        JsonNode next = body.path("paging").path("next").path("after");
        return new ContactPage(
                contacts,
                next.isMissingNode() ? null : next.asString(),
                body.path("total").asLong(0));
    }

    private static RuntimeException failure(int status, HttpHeaders headers, JsonNode body, String operation) {
        String category = body.path("category").asString("");
        return switch (status) {
            case 429 -> {
                String policy = body.path("policyName").asString("");
                if ("DAILY".equals(policy)) {
                    yield new ConnectionRefused(
                            "daily-limit",
                            "HubSpot's daily API allowance of this account is used up; the sync can run again"
                                    + " when HubSpot's day ends.");
                }
                yield new RateLimited(policy, retryAfter(headers));
            }
            case 401 -> new TokenRejected(category);
            case 403 ->
                new ConnectionRefused(
                        "missing-scopes",
                        "The HubSpot connection lacks a scope the " + operation + " needs; reconnect it.");
            default ->
                status >= 500
                        ? new Unavailable("HubSpot answered " + status + " to a " + operation)
                        : new ConnectionRefused(
                                "refused", "HubSpot refused a " + operation + " (" + status + " " + category + ").");
        };
    }

    private static @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    /** A 429 of a short window: {@code TEN_SECONDLY_ROLLING} or {@code SECONDLY}. */
    static final class RateLimited extends RuntimeException {

        final @Nullable Duration retryAfter;

        RateLimited(String policy, @Nullable Duration retryAfter) {
            super("HubSpot's " + policy + " limit", null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /** A 401: the token expired or is not known. */
    static final class TokenRejected extends RuntimeException {
        TokenRejected(String category) {
            super("HubSpot rejected the access token (" + category + ")", null, false, false);
        }
    }

    /** A 5xx: HubSpot cannot answer now. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
