package io.leadsuite.lines.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue-5 benchmark (run by {@code bench/lines-benchmark.sh} against a local stack), all through the
 * gateway: concurrent purchases spread over workspaces (each decides free or paid on its organization
 * document), then concurrent usage consumes spread over active lines, then a burst on one line against
 * its limit. Prints throughput and latency percentiles, and checks the counters and usage are exact.
 */
public final class LinesBenchmark {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LinesBenchmark() {}

    public static void main(String[] args) throws Exception {
        int purchases = Integer.parseInt(System.getProperty("bench.purchases", "1000"));
        int workspaces = Integer.parseInt(System.getProperty("bench.workspaces", "20"));
        int consumes = Integer.parseInt(System.getProperty("bench.consumes", "20000"));
        int concurrency = Integer.parseInt(System.getProperty("bench.concurrency", "32"));
        String gateway = System.getProperty("bench.gateway", "http://localhost:8080");
        String issuer = System.getProperty("bench.issuer", "http://localhost:8090");

        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < workspaces; w++) {
            String uri = issuer + "/token?ttl=86400&userId=bench_" + UUID.randomUUID() + "&orgId=org_bench_"
                    + UUID.randomUUID();
            tokens.add(HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            call(HttpRequest.newBuilder(URI.create(gateway + "/api/organizations/current/lines"))
                            .header("Authorization", "Bearer " + tokens.get(w))
                            .header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"freeLinesIncluded\":3}")))
                    .join();
        }

        List<String> lineIds = new ArrayList<>();
        Result bought = run(
                "purchase",
                purchases,
                concurrency,
                i -> HttpRequest.newBuilder(URI.create(gateway + "/api/lines"))
                        .header("Authorization", "Bearer " + tokens.get(i % workspaces))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "bench-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"line" + i
                                + "@example.com\",\"firstName\":\"Line\",\"lastName\":\"" + i + "\"}")),
                body -> {
                    synchronized (lineIds) {
                        lineIds.add(JSON.readTree(body).get("id").asString());
                    }
                });
        System.out.println(bought.describe());
        int free = 0;
        int total = 0;
        for (String token : tokens) {
            JsonNode counters = JSON.readTree(get(gateway + "/api/organizations/current/lines", token));
            free += counters.get("freeLinesUsed").asInt();
            total += counters.get("totalLinesCount").asInt();
        }
        System.out.printf(
                Locale.ROOT,
                "counters: %d lines in %d workspaces, %d free (expected %d), exact: %b%n",
                total,
                workspaces,
                free,
                Math.min(3, purchases / workspaces) * workspaces,
                total == purchases && free == Math.min(3, purchases / workspaces) * workspaces);

        List<String[]> active = new ArrayList<>();
        for (int w = 0; w < workspaces; w++) {
            String token = tokens.get(w);
            JsonNode page = JSON.readTree(get(gateway + "/api/lines?limit=1", token));
            String line = page.get("items").get(0).get("id").asString();
            call(HttpRequest.newBuilder(URI.create(gateway + "/api/lines/" + line))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .method(
                                    "PATCH",
                                    HttpRequest.BodyPublishers.ofString("{\"dailyTotalMessagesLimit\":10000}")))
                    .join();
            active.add(new String[] {token, line});
        }
        for (String[] line : active) {
            while (!JSON.readTree(get(gateway + "/api/lines/" + line[1], line[0]))
                    .get("isActive")
                    .asBoolean()) {
                Thread.sleep(200);
            }
        }

        Result spread = run(
                "consume (" + workspaces + " lines)",
                consumes,
                concurrency,
                i -> consume(gateway, active.get(i % active.size())),
                body -> {});
        System.out.println(spread.describe());
        long used = 0;
        for (String[] line : active) {
            used += JSON.readTree(get(gateway + "/api/lines/" + line[1] + "/usage", line[0]))
                    .get("totalMessages")
                    .get("used")
                    .asLong();
        }
        System.out.printf(
                Locale.ROOT,
                "usage: %d messages counted for %d accepted, exact: %b%n",
                used,
                spread.ok(),
                used == spread.ok());

        String[] hot = active.get(0);
        call(HttpRequest.newBuilder(URI.create(gateway + "/api/lines/" + hot[1]))
                        .header("Authorization", "Bearer " + hot[0])
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"dailyNewConversationsLimit\":150}")))
                .join();
        Result burst = run(
                "consume (one line, limit 150)",
                2000,
                concurrency,
                i -> HttpRequest.newBuilder(URI.create(gateway + "/api/lines/" + hot[1] + "/usage"))
                        .header("Authorization", "Bearer " + hot[0])
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"newConversation\"}")),
                body -> {});
        System.out.println(burst.describe() + ", accepted exactly 150: " + (burst.ok() == 150));
    }

    private static HttpRequest.Builder consume(String gateway, String[] line) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/lines/" + line[1] + "/usage"))
                .header("Authorization", "Bearer " + line[0])
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"message\"}"));
    }

    interface BodyHandler {
        void accept(String body) throws Exception;
    }

    record Result(String name, int requests, int ok, int refused, int failed, long nanos, long[] latencies) {
        String describe() {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT,
                    "%s: %d requests in %.1f s (%.0f/s), %d ok, %d 429, %d other; latency p50 %.1f ms, p99 %.1f ms",
                    name,
                    requests,
                    nanos / 1e9,
                    requests / (nanos / 1e9),
                    ok,
                    refused,
                    failed,
                    sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6);
        }
    }

    private static Result run(
            String name, int requests, int concurrency, IntFunction<HttpRequest.Builder> request, BodyHandler handler)
            throws Exception {
        Semaphore slots = new Semaphore(concurrency);
        long[] latencies = new long[requests];
        int[] outcome = new int[3];
        List<CompletableFuture<Void>> calls = new ArrayList<>(requests);
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            int index = i;
            long sent = System.nanoTime();
            calls.add(call(request.apply(i))
                    .thenAccept(response -> {
                        latencies[index] = System.nanoTime() - sent;
                        int slot = response.statusCode() / 100 == 2 ? 0 : response.statusCode() == 429 ? 1 : 2;
                        synchronized (outcome) {
                            outcome[slot]++;
                        }
                        if (slot == 0) {
                            try {
                                handler.accept(response.body());
                            } catch (Exception unreadable) {
                                throw new IllegalStateException(unreadable);
                            }
                        } else if (slot == 2) {
                            System.err.println(name + " answered " + response.statusCode() + ": " + response.body());
                        }
                    })
                    .whenComplete((done, error) -> slots.release()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return new Result(name, requests, outcome[0], outcome[1], outcome[2], System.nanoTime() - started, latencies);
    }

    private static CompletableFuture<HttpResponse<String>> call(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String uri, String token) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(uri))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
