package io.leadsuite.lists.bench;

import io.leadsuite.lists.LeadEventSimulator;
import io.leadsuite.testkit.EventSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue-4 benchmark (run by {@code bench/lists-benchmark.sh} against a local stack): publishes a burst of
 * lead changes (creates, moves, updates, deletes across a user's lists, from concurrent clients, in each
 * lead's order) to {@code leads.lead-changes.v1} as leads-service would, then polls lists-service through
 * the gateway until every {@code leadCount} equals the true count, and prints how long that took.
 */
public final class ListsBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long POLL_INTERVAL_MILLIS = 100;

    private ListsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int changes = Integer.parseInt(System.getProperty("bench.changes", "100000"));
        int leadCount = Integer.parseInt(System.getProperty("bench.leads", "20000"));
        int listCount = Integer.parseInt(System.getProperty("bench.lists", "5"));
        int clients = Integer.parseInt(System.getProperty("bench.clients", "8"));
        String kafka = System.getProperty("bench.kafka", "localhost:9092");
        String gateway = System.getProperty("bench.gateway", "http://localhost:8080");
        String issuer = System.getProperty("bench.issuer", "http://localhost:8090");

        String userId = "bench_" + UUID.randomUUID();
        String token = send(HttpRequest.newBuilder(URI.create(issuer + "/token?ttl=86400&userId=" + userId)))
                .body();
        List<String> lists = new ArrayList<>();
        for (int i = 0; i < listCount; i++) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/api/lists"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark " + i + "\"}")));
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "Creating a list answered " + created.statusCode() + ": " + created.body());
            }
            lists.add(JSON.readTree(created.body()).get("id").asString());
        }

        LeadEventSimulator leads = new LeadEventSimulator(userId, lists);
        long started = System.nanoTime();
        try (EventSender sender = EventSender.to(kafka)) {
            leads.burst(sender, changes, leadCount, clients);
        }
        long burstEnded = System.nanoTime();
        Map<String, Long> expected = leads.expectedCounts();
        Map<String, Long> seen = Map.of();
        int polls = 0;
        while (!seen.equals(expected)) {
            if (System.nanoTime() - burstEnded > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException(
                        "Counts not exact 10 minutes after the burst: " + seen + " vs " + expected);
            }
            seen = counts(gateway, token);
            polls++;
            if (!seen.equals(expected)) {
                // A client's polling pace; faster polling only takes CPU from the service being measured.
                Thread.sleep(POLL_INTERVAL_MILLIS);
            }
        }
        long converged = System.nanoTime();

        System.out.printf(
                Locale.ROOT,
                "burst: %d lead changes (%d leads, %d lists, %d clients) published in %.1f s (%.0f events/s)%n",
                changes,
                leadCount,
                listCount,
                clients,
                seconds(burstEnded - started),
                changes / seconds(burstEnded - started));
        System.out.printf(
                Locale.ROOT,
                "converged: every leadCount exact %.2f s after the burst ended, %.1f s after it began "
                        + "(%.0f events/s counted end to end; GET /api/lists polled %d times, every 100 ms)%n",
                seconds(converged - burstEnded),
                seconds(converged - started),
                changes / seconds(converged - started),
                polls);
        System.out.println("counts: " + expected);
    }

    private static Map<String, Long> counts(String gateway, String token) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(gateway + "/api/lists?limit=200"))
                .header("Authorization", "Bearer " + token));
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode list : JSON.readTree(page.body()).get("items")) {
            counts.put(list.get("id").asString(), list.get("leadCount").asLong());
        }
        return counts;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
