package io.leadsuite.leads.bench;

import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.leads.LeadsServiceApplication;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadSources;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes leads through the internal batch endpoint (as the import worker does), then pages, searches and
 * exports them through the gateway of a running local stack, and prints throughput and latency
 * percentiles. Run by bench/leads-benchmark.sh, which starts and stops the stack; not a test.
 */
public final class LeadsBenchmark {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
    private static final Pattern HEAP =
            Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private static final String INTERNAL_TOKEN = UUID.randomUUID().toString();

    private LeadsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int leads = Integer.parseInt(System.getProperty("bench.leads", "100000"));
        int batchSize = Integer.parseInt(System.getProperty("bench.batch", "1000"));
        int clients = Integer.parseInt(System.getProperty("bench.clients", "8"));
        String gateway = System.getProperty("bench.gateway", "http://localhost:8080");
        String issuer = System.getProperty("bench.issuer", "http://localhost:8090");
        String leadsService = System.getProperty("bench.leadsService", "http://localhost:8081");

        ConfigurableApplicationContext context = new SpringApplicationBuilder(LeadsServiceApplication.class)
                .properties(
                        "server.port=0",
                        "leadsuite.security.internal-token=" + INTERNAL_TOKEN,
                        "spring.cloud.stream.bindings.listChanges-in-0.consumer.auto-startup=false",
                        "logging.level.root=WARN")
                .run();
        try {
            String batches = "http://localhost:" + context.getEnvironment().getProperty("local.server.port")
                    + "/internal/leads/batches";
            JsonMapper json = context.getBean(JsonMapper.class);
            ReactiveMongoTemplate mongo = context.getBean(ReactiveMongoTemplate.class);
            String userId = "bench_" + UUID.randomUUID();
            String token =
                    get(issuer + "/token?ttl=86400&userId=" + userId, null).body();

            List<String> phases = List.of(
                    System.getProperty("bench.phases", "page,search,export").split(","));
            if ("direct".equals(System.getProperty("bench.seed"))) {
                seedDirectly(mongo, userId, leads);
            } else {
                writeBatches(batches, json, mongo, userId, leads, batchSize);
            }
            if (phases.contains("page")) {
                page(gateway, token, clients, Integer.parseInt(System.getProperty("bench.pages", "50")));
            }
            if (phases.contains("search")) {
                search(gateway, token, clients, Integer.parseInt(System.getProperty("bench.searches", "50")));
            }
            if (phases.contains("export")) {
                export(gateway, leadsService, token, leads);
            }
        } finally {
            context.close();
        }
    }

    private static void writeBatches(
            String batches, JsonMapper json, ReactiveMongoTemplate mongo, String userId, int leads, int batchSize)
            throws Exception {
        long[] batchMillis = new long[(leads + batchSize - 1) / batchSize];
        long started = System.nanoTime();
        int stored = 0;
        for (int batch = 0; batch < batchMillis.length; batch++) {
            List<Map<String, Object>> inputs = new ArrayList<>(batchSize);
            for (int i = batch * batchSize; i < Math.min(leads, (batch + 1) * batchSize); i++) {
                inputs.add(input(i));
            }
            String body = json.writeValueAsString(
                    Map.of("userId", userId, "actor", "import:bench", "source", "csv", "leads", inputs));
            long batchStarted = System.nanoTime();
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(batches))
                            .timeout(Duration.ofMinutes(5))
                            .header("Content-Type", "application/json")
                            .header(InternalApi.TOKEN_HEADER, INTERNAL_TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            require(response);
            batchMillis[batch] = (System.nanoTime() - batchStarted) / 1_000_000;
            stored += ((Number) json.readValue(response.body(), Map.class).get("stored")).intValue();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "batch write path: %d of %d leads stored in %d batches of %d in %.1f s = %.0f leads/s;"
                        + " batch latency p50 %d ms, p99 %d ms%n",
                stored,
                leads,
                batchMillis.length,
                batchSize,
                seconds,
                stored / seconds,
                percentile(batchMillis, 50),
                percentile(batchMillis, 99));
        await().atMost(Duration.ofHours(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Boolean.FALSE.equals(mongo.exists(
                                query(where("userId").is(userId).and("outboxAt").exists(true)), LeadDocument.class)
                        .block()));
        double relayed = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "events: every LeadCreated acknowledged by Kafka %.1f s after the first write (%.0f events/s overall)%n",
                relayed,
                stored / relayed);
    }

    /**
     * Inserts stored leads without events or audit entries, for the export's memory check with a million
     * leads: through the write path their outbox and audit trail would not fit the in-memory store.
     */
    private static void seedDirectly(ReactiveMongoTemplate mongo, String userId, int leads) {
        long started = System.nanoTime();
        Instant created = Instant.now();
        for (int from = 0; from < leads; from += 5000) {
            List<Document> documents = new ArrayList<>();
            for (int i = from; i < Math.min(leads, from + 5000); i++) {
                Map<String, Object> lead = input(i);
                documents.add(new Document("userId", userId)
                        .append("firstName", lead.get("firstName"))
                        .append("lastName", lead.get("lastName"))
                        .append("email", lead.get("email"))
                        .append("phone", lead.get("phone"))
                        .append("companyName", lead.get("companyName"))
                        .append("jobTitle", lead.get("jobTitle"))
                        .append(
                                "customFields",
                                List.of(new Document("k", "tier").append("v", i % 2 == 0 ? "gold" : "silver")))
                        .append("source", LeadSources.CSV)
                        .append("createdAt", Date.from(created.plusMillis(i)))
                        .append("updatedAt", Date.from(created.plusMillis(i)))
                        .append("version", 1L)
                        .append("phoneDigits", text(lead, "phone").replaceAll("\\D", ""))
                        .append("lastNameKey", text(lead, "lastName").toLowerCase(Locale.ROOT))
                        .append("companyNameKey", text(lead, "companyName").toLowerCase(Locale.ROOT)));
            }
            mongo.insert(documents, LeadDocument.COLLECTION).then().block(Duration.ofMinutes(5));
        }
        System.out.printf(
                Locale.ROOT,
                "seeded %d leads directly (no events, no audit) in %.1f s%n",
                leads,
                (System.nanoTime() - started) / 1e9);
    }

    /** Each client follows the cursor from the first page on; every request is timed. */
    private static void page(String gateway, String token, int clients, int pagesPerClient) throws Exception {
        List<Long> latencies = run(clients, () -> {
            List<Long> mine = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < pagesPerClient; page++) {
                String uri = gateway + "/api/leads?limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
                long started = System.nanoTime();
                HttpResponse<String> response = get(uri, token);
                mine.add((System.nanoTime() - started) / 1_000);
                require(response);
                Matcher next = NEXT_CURSOR.matcher(response.body());
                cursor = next.find() ? next.group(1) : null;
            }
            return mine;
        });
        report(
                "paging through the gateway (limit 50, " + pagesPerClient + " pages deep per client)",
                clients,
                latencies);
    }

    private static void search(String gateway, String token, int clients, int requestsPerClient) throws Exception {
        String[] terms = {"acme", "ANALYTICAL", "lead1234", "555 01", "example.com", "nomatch", "company 7"};
        List<Long> latencies = run(clients, () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < requestsPerClient; i++) {
                String term = terms[i % terms.length].replace(" ", "%20");
                long started = System.nanoTime();
                HttpResponse<String> response = get(gateway + "/api/leads?limit=50&q=" + term, token);
                mine.add((System.nanoTime() - started) / 1_000);
                require(response);
            }
            return mine;
        });
        report("search through the gateway (q over names, email, company, phone)", clients, latencies);
    }

    /** Streams the whole export while sampling leads-service's heap. */
    private static void export(String gateway, String leadsService, String token, int leads) throws Exception {
        AtomicLong peakHeap = new AtomicLong();
        Disposable sampling = Flux.interval(Duration.ofMillis(100))
                .publishOn(Schedulers.boundedElastic())
                .subscribe(tick -> peakHeap.accumulateAndGet(heapUsed(leadsService), Math::max));
        long heapBefore = heapUsed(leadsService);
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/leads/export"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(10))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampling.dispose();
        System.out.printf(
                Locale.ROOT,
                "export through the gateway: status %d, %d rows (%d leads), %.1f MB in %.1f s = %.0f rows/s;"
                        + " leads-service heap used %d MB before, peak %d MB during%n",
                response.statusCode(),
                lines - 1,
                leads,
                bytes / 1e6,
                seconds,
                (lines - 1) / seconds,
                heapBefore / 1_000_000,
                peakHeap.get() / 1_000_000);
    }

    private static List<Long> run(int clients, Callable<List<Long>> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(client));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static void report(String what, int clients, List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).toArray();
        double total = Arrays.stream(sorted).sum() / 1e6 / clients;
        System.out.printf(
                Locale.ROOT,
                "%s: %d requests by %d clients, %.0f req/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                what,
                sorted.length,
                clients,
                sorted.length / total,
                percentile(sorted, 50) / 1000.0,
                percentile(sorted, 90) / 1000.0,
                percentile(sorted, 99) / 1000.0,
                Arrays.stream(sorted).max().orElse(0) / 1000.0);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static Map<String, Object> input(int i) {
        return Map.of(
                "ref", "bench:" + i,
                "firstName", "Lead" + i,
                "lastName", "Surname" + (i % 997),
                "email", "lead" + i + "@example.com",
                "phone", "+1 555 01" + String.format(Locale.ROOT, "%02d", i % 100),
                "companyName", i % 3 == 0 ? "Acme Corp" : i % 3 == 1 ? "Analytical Engines" : "Company " + (i % 50),
                "jobTitle", "Engineer",
                "customFields", Map.of("Company Size", i % 500, "tier", i % 2 == 0 ? "gold" : "silver"));
    }

    private static String text(Map<String, Object> lead, String field) {
        return (String) lead.get(field);
    }

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void require(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static long heapUsed(String leadsService) {
        try {
            Matcher heap = HEAP.matcher(
                    get(leadsService + "/actuator/prometheus", null).body());
            double used = 0;
            while (heap.find()) {
                used += Double.parseDouble(heap.group(1));
            }
            return (long) used;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception unavailable) {
            return 0;
        }
    }
}
