package io.leadsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the packaged suite the way a developer does (the launcher jar that run-local.sh starts, six
 * services as separate processes, real Kafka, the embedded store, the local issuer) and uses it only
 * from outside: through the gateway with a token minted over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Port, Integer> ports = new EnumMap<>(Port.class);
    private static final StringBuffer output = new StringBuffer();
    private static Process stack;
    private static Thread reader;
    private static List<ProcessHandle> processes;
    private static Path dataDir;
    private static HttpServer frontend;
    private static Set<Path> keysetDirsBefore;

    /** How many contacts the simulated HubSpot starts with here. */
    private static final int HUBSPOT_CONTACTS = 500;

    @BeforeAll
    static void startTheStack() throws IOException {
        keysetDirsBefore = temporaryKeysetDirs();
        frontend = startFrontend();
        // Under target/ beside the launcher jar: the services' logs (logs/<module>.log) stay with the build.
        dataDir = Files.createTempDirectory(
                Path.of(System.getProperty("leadsuite.launcher")).getParent(), "local-stack-it-");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                System.getProperty("leadsuite.launcher"),
                "--root=" + System.getProperty("leadsuite.root"),
                "--data-dir=" + dataDir,
                "--in-memory",
                "--hubspot-contacts=" + HUBSPOT_CONTACTS,
                "--frontend=http://localhost:" + frontend.getAddress().getPort()));
        List<Integer> free = freePorts(Port.values().length);
        for (Port port : Port.values()) {
            ports.put(port, free.get(port.ordinal()));
            command.add("--" + port.option + "=" + ports.get(port));
        }
        ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true);
        launcher.environment().put("LINES_SIMULATOR_DELAY", "2s");
        stack = launcher.start();
        reader = new Thread(LocalStackIT::collectOutput, "local-stack-output");
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> output.indexOf("Ready in") >= 0 || !stack.isAlive());
        assertThat(stack.isAlive())
                .as("launcher running; its output:%n%s", output)
                .isTrue();
        processes = stack.descendants().toList();
    }

    @Test
    @Order(1)
    void startsEveryServiceAsItsOwnProcessReportingReady() throws Exception {
        assertThat(processes).as("service processes").hasSize(App.values().length);
        for (App app : App.values()) {
            HttpResponse<String> readiness = get(url(app.port, "/actuator/health/readiness"), null);
            assertThat(readiness.statusCode()).as(app.module).isEqualTo(200);
            assertThat(readiness.body()).as(app.module).contains("\"UP\"");
        }
    }

    @Test
    @Order(2)
    void roundTripsALeadThroughTheGatewayForItsOwnerOnly() throws Exception {
        String alice = mint("user_" + UUID.randomUUID());
        String bob = mint("user_" + UUID.randomUUID());
        String email = "ada." + UUID.randomUUID() + "@example.com";

        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(url(Port.GATEWAY, "/api/leads"))
                        .header("Authorization", "Bearer " + alice)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"" + email
                                        + "\",\"phone\":\"+1-555-0124\",\"companyName\":\"Analytical Engines\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().allValues("X-Request-Id")).hasSize(1);

        assertThat(get(url(Port.GATEWAY, "/api/leads"), alice).body()).contains(email);
        HttpResponse<String> othersView = get(url(Port.GATEWAY, "/api/leads"), bob);
        assertThat(othersView.statusCode()).isEqualTo(200);
        assertThat(othersView.body()).doesNotContain(email);
    }

    @Test
    @Order(3)
    void countsAListsLeadsAndDetachesThemWhenTheListIsDeleted() throws Exception {
        String alice = mint("user_" + UUID.randomUUID());
        HttpResponse<String> created = send("POST", "/api/lists", alice, "{\"name\":\"  Q3 prospects \"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listId = JSON.readTree(created.body()).get("id").asString();

        HttpResponse<String> duplicate = send("POST", "/api/lists", alice, "{\"name\":\"q3 PROSPECTS\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(duplicate.body()).get("existingListId").asString())
                .isEqualTo(listId);

        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> lead = send(
                    "POST",
                    "/api/leads",
                    alice,
                    "{\"firstName\":\"Grace\",\"lastName\":\"Hopper " + i + "\",\"email\":\"grace." + i + "."
                            + UUID.randomUUID() + "@example.com\",\"phone\":\"+1-555-0123\",\"listId\":\""
                            + listId + "\"}");
            assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
            leads.add(JSON.readTree(lead.body()).get("id").asString());
        }
        awaitLeadCount(alice, listId, 3);

        HttpResponse<String> moved = send("PATCH", "/api/leads/" + leads.get(0), alice, "{\"listId\":null}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        awaitLeadCount(alice, listId, 2);

        HttpResponse<String> deleted = send("DELETE", "/api/lists/" + listId, alice, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("leads").asString()).isEqualTo("detached");
        assertThat(get(url(Port.GATEWAY, "/api/lists/" + listId), alice).statusCode())
                .isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode inNoList = JSON.readTree(get(url(Port.GATEWAY, "/api/leads?listId=none&limit=10"), alice)
                    .body());
            assertThat(inNoList.get("items")
                            .valueStream()
                            .map(lead -> lead.get("id").asString()))
                    .containsExactlyInAnyOrderElementsOf(leads);
        });
    }

    @Test
    @Order(4)
    void continuesOneTraceFromAGatewayRequestIntoTheKafkaConsumerThatActsOnIt() throws Exception {
        String alice = mint("user_" + UUID.randomUUID());
        HttpResponse<String> created =
                send("POST", "/api/lists", alice, "{\"name\":\"Traced " + UUID.randomUUID() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listId = JSON.readTree(created.body()).get("id").asString();
        String traceId = UUID.randomUUID().toString().replace("-", "");

        HttpResponse<String> deleted = HTTP.send(
                HttpRequest.newBuilder(url(Port.GATEWAY, "/api/lists/" + listId))
                        .header("Authorization", "Bearer " + alice)
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);

        // lists-service's outbox publishes lists.list-changes.v1 later, from its relay; leads-service's
        // consumer logs the deletion it applied. All three log lines carry the caller's trace id.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(logLines("leads-service", traceId))
                        .anySatisfy(line ->
                                assertThat(line).endsWith("List " + listId + " deleted: 0 of its leads detached")));
        // Each process writes its access line as its answer completes: allow for the write.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(logLines("gateway", traceId)).isNotEmpty();
            assertThat(logLines("lists-service", traceId)).isNotEmpty();
        });
    }

    @Test
    @Order(5)
    void buysALineOnceAndSeesItProvisionedThroughTheGateway() throws Exception {
        String workspace = "org_" + UUID.randomUUID();
        String admin = token("/token?userId=user_" + UUID.randomUUID() + "&orgId=" + workspace);
        String profile = "{\"email\":\"sales@example.com\",\"firstName\":\"Sam\",\"lastName\":\"Sender\"}";
        HttpRequest.Builder purchase = HttpRequest.newBuilder(url(Port.GATEWAY, "/api/lines"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "first-line")
                .POST(HttpRequest.BodyPublishers.ofString(profile));

        HttpResponse<String> bought = HTTP.send(purchase.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> retried = HTTP.send(purchase.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        String lineId = JSON.readTree(bought.body()).get("id").asString();
        assertThat(JSON.readTree(bought.body()).get("billingType").asString()).isEqualTo("free");
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(retried.body()).get("id").asString()).isEqualTo(lineId);
        JsonNode counters = JSON.readTree(get(url(Port.GATEWAY, "/api/organizations/current/lines"), admin)
                .body());
        assertThat(counters.get("freeLinesUsed").asInt()).isEqualTo(1);
        assertThat(counters.get("totalLinesCount").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(JSON.readTree(get(url(Port.GATEWAY, "/api/lines/" + lineId), admin)
                                        .body())
                                .get("provisioningStatus")
                                .asString())
                        .isEqualTo("active"));
        HttpResponse<String> consumed =
                send("POST", "/api/lines/" + lineId + "/usage", admin, "{\"kind\":\"message\"}");
        assertThat(consumed.statusCode()).as(consumed.body()).isEqualTo(200);
        assertThat(JSON.readTree(consumed.body())
                        .get("totalMessages")
                        .get("used")
                        .asInt())
                .isEqualTo(1);
        String stranger = token("/token?userId=user_" + UUID.randomUUID() + "&orgId=org_" + UUID.randomUUID());
        assertThat(get(url(Port.GATEWAY, "/api/lines/" + lineId), stranger).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(6)
    void refusesACallWithoutATokenWithProblemJson() throws Exception {
        HttpResponse<String> anonymous = get(url(Port.GATEWAY, "/api/leads"), null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).contains("\"status\":401");
    }

    @Test
    @Order(7)
    void importsACsvIntoANewListFollowingItsProgressAndReturnsTheRefusedRows() throws Exception {
        String alice = mint("user_" + UUID.randomUUID());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "First Name;Last Name;E-mail Address;Mobile Phone;Company;Region\r\n"
                + "Ada;Lovelace;ada." + run + "@example.com;+1-555-0124;Analytical Engines;EMEA\r\n"
                + "Grace;Hopper;grace." + run + "@example.com;+1-555-0125;\"Navy; Reserve\";AMER\r\n"
                + "Alan;Turing;not-an-email;+44 20 7946 0958;Bletchley;EMEA\r\n"
                + "Ada;Lovelace;ada." + run + "@example.com;+1-555-0124;Analytical Engines;EMEA\r\n";
        String boundary = "----leadsuite" + run;
        String body = part(boundary, "newListName", "Fair " + run)
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fair.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> accepted = HTTP.send(
                HttpRequest.newBuilder(url(Port.GATEWAY, "/api/imports"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + alice)
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = JSON.readTree(accepted.body());
        String jobId = job.get("id").asString();
        String listId = job.get("listId").asString();
        assertThat(job.get("status").asString()).isEqualTo("pending");
        assertThat(job.get("delimiter").asString()).isEqualTo(";");

        HttpResponse<java.util.stream.Stream<String>> events = HTTP.send(
                HttpRequest.newBuilder(url(Port.GATEWAY, "/api/imports/" + jobId + "/events"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + alice)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        List<String> lines = events.body().toList();
        assertThat(lines).contains("event:completed");

        JsonNode done = JSON.readTree(
                get(url(Port.GATEWAY, "/api/imports/" + jobId), alice).body());
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("processedRecords").asLong()).isEqualTo(4);
        assertThat(done.get("created").asLong()).isEqualTo(2);
        assertThat(done.get("skipped").asLong()).isEqualTo(1);
        assertThat(done.get("failedRecords").asLong()).isEqualTo(1);
        assertThat(done.get("errors").get(0).get("row").asLong()).isEqualTo(4);
        awaitLeadCount(alice, listId, 2);
        // One trace from the upload: the worker's job (after imports.requests.v1), its batch write to
        // leads-service, and lists-service counting the LeadCreated events of that batch.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(logLines("import-worker", traceId)).isNotEmpty();
            assertThat(logLines("leads-service", traceId))
                    .anySatisfy(line -> assertThat(line).contains("POST /internal/leads/batches 200"));
            assertThat(logLines("lists-service", traceId))
                    .anySatisfy(line -> assertThat(line).contains("lead changes of this trace"));
        });
        assertThat(get(url(Port.GATEWAY, "/api/leads?listId=" + listId), alice).body())
                .contains("grace." + run + "@example.com", "Navy; Reserve");

        HttpResponse<String> errors = get(url(Port.GATEWAY, "/api/imports/" + jobId + "/errors.csv"), alice);
        assertThat(errors.statusCode()).isEqualTo(200);
        List<String> refused = errors.body().lines().toList();
        assertThat(refused).hasSize(2);
        assertThat(refused.get(0))
                .isEqualTo("First Name,Last Name,E-mail Address,Mobile Phone,Company,Region,"
                        + "error_row,error_field,error_message");
        // As it was in the file, but formula-safe: a cell starting with + gets a leading apostrophe.
        assertThat(refused.get(1)).startsWith("Alan,Turing,not-an-email,'+44 20 7946 0958,Bletchley,EMEA,4,email,");

        // The same file again as a dry run that would update duplicates: it reports, and writes nothing.
        String dryRunBody = part(boundary, "listId", listId) + part(boundary, "duplicatePolicy", "update")
                + part(boundary, "dryRun", "true")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fair.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> dryRun = HTTP.send(
                HttpRequest.newBuilder(url(Port.GATEWAY, "/api/imports"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + alice)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(dryRunBody))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(202);
        String dryRunId = JSON.readTree(dryRun.body()).get("id").asString();
        JsonNode report = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> JSON.readTree(get(url(Port.GATEWAY, "/api/imports/" + dryRunId), alice)
                                .body()),
                        node -> node.get("status").asString().equals("completed"));
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("created").asLong()).isZero();
        assertThat(report.get("updated").asLong()).isEqualTo(3);
        assertThat(report.get("failedRecords").asLong()).isEqualTo(1);
        awaitLeadCount(alice, listId, 2);
    }

    @Test
    @Order(8)
    void exposesEveryApplicationMetricTheAlertsAndTheDashboardQuery() throws Exception {
        Path monitoring = Path.of(System.getProperty("leadsuite.root"), "k8s/components/monitoring");
        String queries = Files.readString(monitoring.resolve("alert-rules.yaml"))
                + Files.readString(monitoring.resolve("dashboard.json"));
        Matcher names = Pattern.compile("\\b((?:leadsuite|http_server_requests|resilience4j)_[a-z0-9_]+)")
                .matcher(queries);
        Set<String> metrics = new TreeSet<>();
        while (names.find()) {
            metrics.add(names.group(1).replaceAll("_(bucket|count|sum)$", ""));
        }
        StringBuilder exposed = new StringBuilder();
        for (App app : App.values()) {
            exposed.append(get(url(app.port, "/actuator/prometheus"), null).body());
        }

        assertThat(metrics).contains("leadsuite_outbox_oldest_age_seconds", "resilience4j_circuitbreaker_state");
        assertThat(metrics).allSatisfy(metric -> assertThat(exposed).as(metric).contains(metric));
    }

    /**
     * A person connecting HubSpot in a real browser (Debian's chromium, driven by Selenium): the consent
     * page of the simulator, a click on Allow, the callback through the gateway, the landing on the
     * frontend with {@code status=connected}; then the first sync of the simulated contacts, a lead
     * edited here reaching the simulator, and the disconnect.
     */
    @Test
    @Order(9)
    void connectsHubSpotInABrowserSyncsItsContactsPushesAnEditAndDisconnects() throws Exception {
        String token = mint("user_" + UUID.randomUUID());
        String returnTo = "http://localhost:" + frontend.getAddress().getPort() + "/settings/integrations";
        HttpResponse<String> started =
                send("POST", "/api/integrations/hubspot", token, "{\"returnTo\":\"" + returnTo + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String authorizeUrl = JSON.readTree(started.body()).get("authorizeUrl").asString();
        assertThat(authorizeUrl).startsWith("http://localhost:" + ports.get(Port.HUBSPOT) + "/oauth/authorize?");

        WebDriver browser = browser();
        try {
            browser.get(authorizeUrl);
            assertThat(browser.getPageSource()).contains("leadsuite-local").contains("Allow");
            browser.findElement(By.id("allow")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(page -> page.getCurrentUrl().startsWith(returnTo));
            assertThat(browser.getCurrentUrl()).contains("integration=hubspot").contains("status=connected");
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Frontend stand-in");
        } finally {
            browser.quit();
        }

        JsonNode synced = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> JSON.readTree(get(url(Port.GATEWAY, "/api/sync"), token)
                                        .body())
                                .path(0),
                        sync -> "completed"
                                .equals(sync.path("lastJob").path("status").asString()));
        assertThat(synced.path("lastJob").path("created").asInt()).isEqualTo(HUBSPOT_CONTACTS);
        assertThat(synced.path("lastSyncAt").isNull()).isFalse();
        String events = get(
                        url(
                                Port.GATEWAY,
                                "/api/imports/"
                                        + synced.path("lastJob").path("jobId").asString() + "/events"),
                        token)
                .body();
        assertThat(events).contains("event:completed").contains("\"processedRecords\":" + HUBSPOT_CONTACTS);

        JsonNode lead = JSON.readTree(
                        get(url(Port.GATEWAY, "/api/leads?limit=1"), token).body())
                .path("items")
                .path(0);
        assertThat(lead.path("source").asString()).isEqualTo("hubspot");
        assertThat(lead.path("integrationIds").path("hubspotRecordId").asString())
                .isNotEmpty();
        String email = lead.path("email").asString();
        HttpResponse<String> edited = send(
                "PATCH", "/api/leads/" + lead.path("id").asString(), token, "{\"jobTitle\":\"Edited in LeadSuite\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(url(Port.HUBSPOT, "/_simulator/contacts?email=" + email), null)
                                .body())
                        .contains("Edited in LeadSuite"));

        assertThat(send("DELETE", "/api/integrations/hubspot", token, null).statusCode())
                .isEqualTo(204);
        assertThat(JSON.readTree(get(url(Port.GATEWAY, "/api/sync"), token).body())
                        .size())
                .isZero();
        assertThat(get(url(Port.GATEWAY, "/api/leads/" + lead.path("id").asString()), token)
                        .statusCode())
                .isEqualTo(200);
    }

    /** Headless chromium as Debian installs it (CHROME_BIN, CHROMEDRIVER override the paths). */
    private static WebDriver browser() {
        String chromium = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(Path.of(chromium))
                .as(
                        "the browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
                .exists();
        assertThat(Path.of(driver)).as("chromium-driver").exists();
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Where connect flows return: a page standing in for the web frontend's dev server. */
    private static HttpServer startFrontend() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<html><body><h1>Frontend stand-in</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void stopsEveryProcessAndFreesEveryPortOnSigterm() throws Exception {
        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        stack.toHandle().destroy();

        assertThat(stack.waitFor(2, TimeUnit.MINUTES)).as("launcher stopped").isTrue();
        reader.join(Duration.ofSeconds(10).toMillis());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
        assertThat(output.toString()).contains("Stopped.");
        assertThat(temporaryKeysetDirs()).as("the --in-memory keyset deleted").isEqualTo(keysetDirsBefore);
        for (Map.Entry<Port, Integer> port : ports.entrySet()) {
            assertThat(canBind(port.getValue()))
                    .as("port %s (%s) free", port.getValue(), port.getKey())
                    .isTrue();
        }
    }

    @AfterAll
    static void killLeftovers() {
        if (frontend != null) {
            frontend.stop(0);
        }
        if (stack != null && stack.isAlive()) {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    /** The launcher's temporary keyset directories (--in-memory) in the temporary directory. */
    private static Set<Path> temporaryKeysetDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("leadsuite-keyset"))
                    .collect(Collectors.toSet());
        }
    }

    private static void awaitLeadCount(String token, String listId, long expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> list = get(url(Port.GATEWAY, "/api/lists/" + listId), token);
            assertThat(JSON.readTree(list.body()).get("leadCount").asLong()).isEqualTo(expected);
        });
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(Port.GATEWAY, path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header(
                    "Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The log lines of a service (logs/<module>.log) in the trace {@code traceId}. */
    private static List<String> logLines(String module, String traceId) throws IOException {
        String correlation = "[" + module + "," + traceId + ",";
        try (var lines = Files.lines(dataDir.resolve("logs").resolve(module + ".log"))) {
            return lines.filter(line -> line.contains(correlation)).toList();
        }
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String mint(String userId) throws Exception {
        return token("/token?userId=" + userId);
    }

    private static String token(String request) throws Exception {
        HttpResponse<String> token = get(url(Port.ISSUER, request), null);
        assertThat(token.statusCode()).isEqualTo(200);
        return token.body();
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(Port port, String path) {
        return URI.create("http://localhost:" + ports.get(port) + path);
    }

    private static void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append(System.lineSeparator());
            }
        } catch (IOException ended) {
            // The launcher exited.
        }
    }

    /**
     * {@code count} distinct free ports: every socket stays open until all are chosen, since a port
     * closed at once may be handed out again by the next request for any free one.
     */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }
}
