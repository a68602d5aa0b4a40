package io.leadsuite.imports.bench;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * The million-row import, end to end on a running local stack, against the ceiling of its store.
 *
 * <ol>
 *   <li>Generates a CSV of {@code bench.rows} leads: 10 columns, 2 of them custom (Region, Score).
 *   <li>The ceiling: the same rows as lead-shaped documents, inserted raw with {@code insertMany} in
 *       batches of 1000 into a scratch database of the same store (after 20,000 to warm it up): once
 *       into a bare collection, once into one with the unique indexes of {@code leads}. The scratch
 *       database is dropped after.
 *   <li>Uploads the file through the gateway into a new list, and polls the job until it ends.
 *   <li>After {@code completed}: how long until every lead's {@code LeadCreated} is on {@code
 *       leads.lead-changes.v1}, and until the list's {@code leadCount} is exact.
 *   <li>The CPU time each process of the stack spent from the upload to {@code completed}: where a row's
 *       cost goes.
 *   <li>The heap of each process, sampled every second with {@code jstat}: the peak used (live data
 *       and garbage) and the peak old generation just after a full collection (what it keeps).
 * </ol>
 *
 * Run by bench/import-benchmark.sh, which starts and stops the stack; not a test.
 */
public final class ImportBenchmark {

    private static final int WARMUP_ROWS = 20_000;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern STRING_FIELD = Pattern.compile("\"(%s)\":\"([^\"]*)\"");
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(%s)\":(-?[0-9]+)");
    private static final String HEADER =
            "First Name,Last Name,Email,Phone,Company,Job Title,LinkedIn,Notes,Region,Score";
    private static final String[] REGIONS = {"West", "East", "North", "South"};
    private static final List<String> UNIQUE_KEYS = List.of(
            "emailKey",
            "integrationKeys.hubspot",
            "integrationKeys.salesforce",
            "integrationKeys.googleSheets",
            "batchRefKey");

    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(System.getProperty("bench.rows", "1000000"));
        String gateway = System.getProperty("bench.gateway", "http://localhost:8080");
        String issuer = System.getProperty("bench.issuer", "http://localhost:8090");
        String mongoUri = System.getProperty("bench.mongo", "mongodb://localhost:27017");
        String kafka = System.getProperty("bench.kafka", "localhost:9092");
        String userId = "bench_" + UUID.randomUUID().toString().substring(0, 8);

        Path csv = Files.createTempFile("import-benchmark", ".csv");
        try {
            long bytes = generate(csv, rows);
            report("file", "%,d rows, %,d bytes (%s)", rows, bytes, csv);

            double bare;
            double indexed;
            try (MongoClient client = MongoClients.create(mongoUri)) {
                MongoDatabase scratch = client.getDatabase("import_benchmark_ceiling");
                ceiling(scratch.getCollection("warmup"), csv, userId, false, WARMUP_ROWS);
                bare = ceiling(scratch.getCollection("bare"), csv, userId, false, rows);
                report("ceiling", "insertMany into a bare collection: %,.0f docs/s", bare);
                indexed = ceiling(scratch.getCollection("indexed"), csv, userId, true, rows);
                report("ceiling", "insertMany into a collection with the leads' unique indexes: %,.0f docs/s", indexed);
                Mono.from(scratch.drop()).block();
            }

            String token = get(URI.create(issuer + "/token?userId=" + userId + "&orgId=org_bench"), null);
            StackProcesses processes = StackProcesses.start();
            EventCounter events = EventCounter.start(kafka, userId);
            long started = System.nanoTime();
            String job = upload(gateway, token, csv, "Benchmark " + userId);
            String jobId = field(job, "id");
            long uploaded = System.nanoTime();
            report("upload", "answered %s in %s", field(job, "status"), seconds(uploaded - started));

            String done = awaitEnd(gateway, token, jobId);
            long completed = System.nanoTime();
            Map<String, Duration> cpu = processes.cpuSinceStart();
            long created = number(done, "created");
            double seconds = (completed - started) / 1e9;
            double rate = rows / seconds;
            report(
                    "import",
                    "%s: %,d created, %,d failed, %,d skipped in %.0f s = %,.0f rows/s",
                    field(done, "status"),
                    created,
                    number(done, "failedRecords"),
                    number(done, "skipped"),
                    seconds,
                    rate);
            if (field(done, "status").equals("failed")) {
                report("import", "failed (%s): %s", field(done, "failureReason"), field(done, "failureMessage"));
            }
            report("ratio", "%.2f of the bare ceiling, %.2f of the indexed ceiling", rate / bare, rate / indexed);
            cpu.forEach((process, used) -> report(
                    "cpu",
                    "%-22s %,7.1f s during the import (%.2f ms a row)",
                    process,
                    used.toMillis() / 1e3,
                    used.toNanos() / 1e6 / rows));

            String listId = field(done, "listId");
            Duration eventsDelay = events.awaitCount(created, completed);
            report("delay", "all %,d LeadCreated on the topic %s after completed", created, format(eventsDelay));
            Duration countDelay = awaitListCount(gateway, token, listId, created, completed);
            report("delay", "the list's leadCount exact (%,d) %s after completed", created, format(countDelay));
            events.stop();
            processes
                    .stop()
                    .forEach((process, peak) -> report(
                            "heap",
                            "%-22s peak %,5d MB used, %,5d MB old generation after a full GC",
                            process,
                            peak[0] / 1024,
                            peak[1] / 1024));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Writes the benchmark's CSV; every 50th row has an invalid email, the rest are distinct leads. */
    private static long generate(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\r\n");
            for (int row = 0; row < rows; row++) {
                out.write(line(row));
                out.write("\r\n");
            }
        }
        return Files.size(file);
    }

    private static String line(int row) {
        String email = row % 50 == 49 ? "not-an-email-" + row : "lead" + row + "@example.com";
        return String.join(
                ",",
                "First" + row,
                "Last" + row,
                email,
                String.format(Locale.ROOT, "+1415%07d", row % 10_000_000),
                "\"Company " + (row % 5000) + ", Inc.\"",
                row % 3 == 0 ? "Head of Sales" : "Account Executive",
                "https://www.linkedin.com/in/lead" + row,
                "Met at the trade fair",
                REGIONS[row % REGIONS.length],
                String.valueOf(row % 100));
    }

    /**
     * Inserts the first {@code rows} of the file as lead-shaped documents with insertMany, in batches of
     * 1000; docs/s.
     */
    private static double ceiling(
            MongoCollection<Document> collection, Path csv, String userId, boolean indexes, int rows)
            throws IOException {
        if (indexes) {
            for (String key : UNIQUE_KEYS) {
                Mono.from(collection.createIndex(
                                Indexes.ascending(key),
                                new IndexOptions().unique(true).sparse(true)))
                        .block();
            }
        }
        long started = System.nanoTime();
        long inserted = 0;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine();
            List<Document> batch = new ArrayList<>(1000);
            int row = 0;
            for (String line = in.readLine(); line != null && row < rows; line = in.readLine(), row++) {
                batch.add(document(userId, row, line));
                if (batch.size() == 1000) {
                    inserted += insert(collection, batch);
                    batch = new ArrayList<>(1000);
                }
            }
            inserted += insert(collection, batch);
        }
        return inserted / ((System.nanoTime() - started) / 1e9);
    }

    private static int insert(MongoCollection<Document> collection, List<Document> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Mono.from(collection.insertMany(batch, new InsertManyOptions().ordered(false)))
                .block();
        return batch.size();
    }

    private static Document document(String userId, int row, String line) {
        String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
        Date now = new Date();
        return new Document("userId", userId)
                .append("firstName", cells[0])
                .append("lastName", cells[1])
                .append("email", cells[2])
                .append("phone", cells[3])
                .append("companyName", cells[4].replace("\"", ""))
                .append("jobTitle", cells[5])
                .append("linkedinUrl", cells[6])
                .append("notes", cells[7])
                .append(
                        "customFields",
                        List.of(
                                new Document("k", "Region").append("v", cells[8]),
                                new Document("k", "Score").append("v", Integer.parseInt(cells[9]))))
                .append("source", "csv")
                .append("emailKey", userId + "|" + cells[2])
                .append("batchRefKey", userId + "|ceiling:" + row)
                .append("createdAt", now)
                .append("updatedAt", now)
                .append("version", 1L);
    }

    /** Streams the file as a multipart upload (its length known, so the gateway sees Content-Length). */
    private static String upload(String gateway, String token, Path csv, String listName)
            throws IOException, InterruptedException {
        String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"newListName\"\r\n\r\n" + listName + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(csv),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Upload answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Polls the job four times a second until it ends; its last state. */
    private static String awaitEnd(String gateway, String token, String jobId) {
        URI uri = URI.create(gateway + "/api/imports/" + jobId);
        AtomicReference<String> last = new AtomicReference<>();
        AtomicLong lastReport = new AtomicLong(System.nanoTime());
        await().atMost(Duration.ofHours(4)).pollInterval(POLL).until(() -> {
            String job = get(uri, token);
            last.set(job);
            String status = field(job, "status");
            if (System.nanoTime() - lastReport.get() > REPORT_EVERY.toNanos()) {
                report("progress", "%s, %,d rows read", status, number(job, "processedRecords"));
                lastReport.set(System.nanoTime());
            }
            return status.equals("completed") || status.equals("failed");
        });
        return last.get();
    }

    /** How long after {@code since} the list's leadCount reached {@code expected}. */
    private static Duration awaitListCount(String gateway, String token, String listId, long expected, long since) {
        URI uri = URI.create(gateway + "/api/lists/" + listId);
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(POLL)
                .until(() -> number(get(uri, token), "leadCount") == expected);
        return Duration.ofNanos(Math.max(0, System.nanoTime() - since));
    }

    private static String get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher =
                Pattern.compile(STRING_FIELD.pattern().formatted(name)).matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(2);
    }

    private static long number(String json, String name) {
        Matcher matcher =
                Pattern.compile(NUMBER_FIELD.pattern().formatted(name)).matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(2)) : 0;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String format(Duration delay) {
        return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1e3);
    }

    private static void report(String what, String format, Object... values) {
        System.out.printf(Locale.ROOT, "%-9s %s%n", what, String.format(Locale.ROOT, format, values));
    }

    /** Counts the distinct leads of one user whose LeadCreated is on the topic, from its beginning. */
    private static final class EventCounter {

        private final Set<String> leads = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong lastAt = new AtomicLong();
        private final Thread thread;

        private EventCounter(String bootstrap, String userId) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "import-benchmark-" + UUID.randomUUID());
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            String tenant = "\"userId\":\"" + userId + "\"";
            Pattern leadId = Pattern.compile("\"leadId\":\"([0-9a-f]{24})\"");
            thread = new Thread(
                    () -> {
                        try (KafkaConsumer<String, String> consumer =
                                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                            consumer.subscribe(List.of("leads.lead-changes.v1"));
                            while (running.get()) {
                                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                                    String value = record.value();
                                    if (value.contains("\"LeadCreated\"") && value.contains(tenant)) {
                                        Matcher matcher = leadId.matcher(value);
                                        if (matcher.find() && leads.add(matcher.group(1))) {
                                            lastAt.set(System.nanoTime());
                                        }
                                    }
                                }
                            }
                        }
                    },
                    "benchmark-events");
            thread.setDaemon(true);
        }

        static EventCounter start(String bootstrap, String userId) {
            EventCounter counter = new EventCounter(bootstrap, userId);
            counter.thread.start();
            return counter;
        }

        /** How long after {@code since} the last of {@code expected} events arrived (zero if before). */
        Duration awaitCount(long expected, long since) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(POLL).until(() -> leads.size() >= expected);
            return Duration.ofNanos(Math.max(0, lastAt.get() - since));
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /**
     * Samples the used heap of every process of the stack with one {@code jstat} per process, and tells the
     * CPU time each spent since sampling started.
     */
    private static final class StackProcesses {

        private static final List<String> PROCESSES = List.of(
                "local-stack.jar", "gateway.jar", "import-worker.jar", "leads-service.jar", "lists-service.jar");

        private final Map<String, AtomicLong> peaks = new LinkedHashMap<>();
        private final Map<String, AtomicLong> retainedPeaks = new LinkedHashMap<>();
        private final List<Process> samplers = new ArrayList<>();
        private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        private final Map<String, Duration> cpuAtStart = new LinkedHashMap<>();

        static StackProcesses start() throws IOException {
            StackProcesses stack = new StackProcesses();
            Set<String> found = new HashSet<>();
            for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
                String command = process.info().commandLine().orElse("");
                for (String jar : PROCESSES) {
                    if (command.contains(jar) && found.add(jar)) {
                        String name = jar.replace(".jar", "").replace("local-stack", "launcher");
                        stack.processes.put(name, process);
                        stack.cpuAtStart.put(name, cpu(process));
                        stack.sample(name, process.pid());
                    }
                }
            }
            return stack;
        }

        private void sample(String name, long pid) throws IOException {
            AtomicLong peak = new AtomicLong();
            AtomicLong retained = new AtomicLong();
            peaks.put(name, peak);
            retainedPeaks.put(name, retained);
            Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
            Process sampler = new ProcessBuilder(jstat.toString(), "-gc", String.valueOf(pid), "1000")
                    .redirectErrorStream(true)
                    .start();
            samplers.add(sampler);
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(sampler.getInputStream(), StandardCharsets.UTF_8))) {
                            long fullCollections = -1;
                            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                                String[] columns = line.trim().split("\\s+");
                                if (columns.length > 14 && !columns[0].equals("S0C")) {
                                    double used = Double.parseDouble(columns[2])
                                            + Double.parseDouble(columns[3])
                                            + Double.parseDouble(columns[5])
                                            + Double.parseDouble(columns[7]);
                                    peak.accumulateAndGet((long) used, Math::max);
                                    long full = Long.parseLong(columns[14]);
                                    if (fullCollections >= 0 && full > fullCollections) {
                                        // Old generation just after a full collection: what the process keeps.
                                        retained.accumulateAndGet((long) Double.parseDouble(columns[7]), Math::max);
                                    }
                                    fullCollections = full;
                                }
                            }
                        } catch (IOException | NumberFormatException stopped) {
                            // The sampler ended.
                        }
                    },
                    "benchmark-heap-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** Per process, the CPU time it spent since sampling started. */
        Map<String, Duration> cpuSinceStart() {
            Map<String, Duration> spent = new LinkedHashMap<>();
            processes.forEach((name, process) -> spent.put(name, cpu(process).minus(cpuAtStart.get(name))));
            return spent;
        }

        private static Duration cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        /** Stops sampling; per process, the peak used heap and the peak old generation after a full GC, in KB. */
        Map<String, long[]> stop() {
            samplers.forEach(Process::destroy);
            Map<String, long[]> result = new LinkedHashMap<>();
            peaks.forEach((name, peak) -> result.put(
                    name, new long[] {peak.get(), retainedPeaks.get(name).get()}));
            return result;
        }
    }
}
