package io.leadsuite.localstack;

import io.leadsuite.simulators.hubspot.HubSpotSimulator;
import io.leadsuite.testkit.EmbeddedMongo;
import io.leadsuite.testkit.KafkaKraftBroker;
import io.leadsuite.testkit.LocalJwtIssuer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole suite on this machine with nothing but a JDK: a real Kafka broker (KRaft) and the
 * MongoDB-compatible store in this JVM, the local stand-in for Clerk, a HubSpot simulator, and each
 * service as its own JVM.
 * Stops everything on Ctrl-C or SIGTERM; each service also stops by itself if this process dies.
 */
public final class LocalStack {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);

    private static final String KEYSET_FILE = "integrations-keyset.json";

    private final StackOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<ServiceProcess> services = new ArrayList<>();
    private volatile CompletableFuture<KafkaKraftBroker> kafka;
    private volatile EmbeddedMongo mongo;
    private volatile LocalJwtIssuer issuer;
    private volatile HubSpotSimulator hubspot;
    /** With --in-memory: the temporary directory of the keyset, deleted on stop. */
    private volatile Path temporaryKeysetDir;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        // Initialise logging before Kafka and the store log from several threads at once.
        LoggerFactory.getLogger(LocalStack.class);
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (StackOptions.UsageException ex) {
            if (ex.getMessage() != null) {
                Console.line(ex.getMessage());
            }
            Console.line(StackOptions.USAGE);
            System.exit(ex.getMessage() == null ? 0 : 2);
            return;
        }
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException ex) {
            Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
            Console.line("");
            Console.line("The suite did not start: " + cause.getMessage());
            System.exit(1);
        }
        stack.stopped.await();
    }

    private void start() throws InterruptedException {
        long started = System.nanoTime();
        requireFreePorts();
        createDirectories();
        Console.line("Leads suite: starting on embedded defaults");
        Console.line("  data " + (options.inMemory() ? "in memory (nothing is kept)" : options.dataDir()));
        Console.line("  logs " + options.logs());
        Console.line("");

        kafka = CompletableFuture.supplyAsync(this::startKafka);
        long step = System.nanoTime();
        mongo = options.inMemory()
                ? EmbeddedMongo.inMemory(options.port(Port.MONGO))
                : EmbeddedMongo.persistent(
                        options.port(Port.MONGO), options.dataDir().resolve("mongo.mv.db"));
        Console.step("MongoDB-compatible store", mongo.connectionString(), since(step));
        step = System.nanoTime();
        issuer = LocalJwtIssuer.start(
                options.port(Port.ISSUER),
                options.inMemory() ? null : options.dataDir().resolve("issuer-key.json"));
        Console.step("local JWT issuer", issuer.issuer(), since(step));
        step = System.nanoTime();
        hubspot = HubSpotSimulator.start(HubSpotSimulator.Settings.defaults()
                .withPort(options.port(Port.HUBSPOT))
                .withContacts(options.hubspotContacts()));
        Console.step(
                "HubSpot simulator (" + options.hubspotContacts() + " contacts)",
                hubspot.baseUrl().toString(),
                since(step));

        Map<String, String> environment = serviceEnvironment();
        for (App app : App.values()) {
            services.add(ServiceProcess.start(app, options, environment));
        }
        watchForUnexpectedExits();

        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (ServiceProcess service : services) {
            ready.add(CompletableFuture.runAsync(() -> awaitReady(service, started)));
        }
        KafkaKraftBroker broker = kafka.join();
        Console.step("Kafka broker (KRaft)", broker.bootstrapServers(), since(started));
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        printReady(since(started));
    }

    private KafkaKraftBroker startKafka() {
        try {
            Path logDir = options.inMemory()
                    ? Files.createTempDirectory("leadsuite-kafka")
                    : options.dataDir().resolve("kafka");
            return KafkaKraftBroker.start(options.port(Port.KAFKA), logDir, options.inMemory());
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot create Kafka's log directory", ex);
        }
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new HashMap<>(App.serviceUrls(options));
        environment.put("MONGODB_URI", mongo.connectionString());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + options.port(Port.KAFKA));
        environment.put("LEADSUITE_SECURITY_JWKS_URI", issuer.jwksUri().toString());
        environment.put("LEADSUITE_SECURITY_ISSUER", issuer.issuer());
        // The shared secret of service-to-service calls (/internal/**), new on every launch.
        environment.put("LEADSUITE_SECURITY_INTERNAL_TOKEN", internalToken());
        // Reachable from this machine only.
        environment.put("SERVER_ADDRESS", "localhost");
        environment.put(
                "LEADSUITE_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        // Browsers reach the suite through the gateway; OAuth flows return to the frontend's dev server.
        environment.put("LEADSUITE_INTEGRATIONS_PUBLIC_URL", "http://localhost:" + options.port(Port.GATEWAY));
        environment.put("LEADSUITE_INTEGRATIONS_FRONTEND_ORIGINS", options.frontend());
        environment.put("LEADSUITE_INTEGRATIONS_KEYSETFILE", keysetFile().toString());
        environment.put("LEADSUITE_INTEGRATIONS_CREATEKEYSETIFMISSING", "true");
        environment.put("HUBSPOT_CLIENT_ID", hubspot.clientId());
        environment.put("HUBSPOT_CLIENT_SECRET", hubspot.clientSecret());
        environment.put("HUBSPOT_AUTHORIZE_URL", hubspot.baseUrl() + "/oauth/authorize");
        environment.put("HUBSPOT_API_BASE_URL", hubspot.baseUrl().toString());
        // Readable text logs in the log files; deployed services log JSON.
        environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        return environment;
    }

    /**
     * The credentials keyset of integrations-service: created in the data directory on first start and
     * kept, so stored connections stay readable across restarts; with --in-memory in a temporary one,
     * deleted on stop.
     */
    private Path keysetFile() {
        if (!options.inMemory()) {
            return options.dataDir().resolve(KEYSET_FILE);
        }
        try {
            temporaryKeysetDir = Files.createTempDirectory("leadsuite-keyset");
            return temporaryKeysetDir.resolve(KEYSET_FILE);
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot create a directory for the credentials keyset", ex);
        }
    }

    private void deleteTemporaryKeyset() {
        Path dir = temporaryKeysetDir;
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(KEYSET_FILE));
            Files.deleteIfExists(dir);
        } catch (IOException ex) {
            Console.line("Could not delete the temporary keyset in " + dir + ": " + ex.getMessage());
        }
    }

    private static String internalToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private void awaitReady(ServiceProcess service, long started) {
        try {
            if (!service.awaitReady(SERVICE_START_TIMEOUT)) {
                List<String> tail = service.tail(25);
                StringBuilder why = new StringBuilder(
                        service.app.module + " did not become ready; the end of " + service.log + ":");
                tail.forEach(line ->
                        why.append(System.lineSeparator()).append("    ").append(line));
                throw new IllegalStateException(why.toString());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + service.app.module + " started", ex);
        }
        Console.step(service.app.module, "http://localhost:" + service.port, since(started));
    }

    private void watchForUnexpectedExits() {
        for (ServiceProcess service : services) {
            ProcessHandle.of(service.pid())
                    .ifPresent(handle -> handle.onExit().thenRun(() -> {
                        if (!stopping.get()) {
                            Console.line("!! " + service.app.module + " exited unexpectedly; see " + service.log);
                        }
                    }));
        }
    }

    private void printReady(Duration took) {
        Console.line("");
        Console.line("Ready in " + Console.seconds(took) + ". Resident memory:");
        for (ServiceProcess service : services) {
            Console.residentMegabytes(service.pid())
                    .ifPresent(
                            mb -> Console.line(String.format(Locale.ROOT, "  %-22s %5d MB", service.app.module, mb)));
        }
        Console.residentMegabytes(ProcessHandle.current().pid())
                .ifPresent(mb -> Console.line(
                        String.format(Locale.ROOT, "  %-22s %5d MB  (Kafka, store, issuer)", "launcher", mb)));
        String gateway = "http://localhost:" + options.port(Port.GATEWAY);
        Console.line("");
        Console.line("Gateway     " + gateway + "   (API docs: " + gateway + "/swagger-ui.html)");
        Console.line("Get a token TOKEN=$(curl -s '" + issuer.issuer() + "/token?userId=user_1&orgId=org_1')");
        Console.line("Call the API curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/leads");
        Console.line("");
        Console.line("Connect HubSpot (simulated, " + hubspot.baseUrl() + "):");
        Console.line(
                "  curl -s -X POST -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{}' "
                        + gateway + "/api/integrations/hubspot");
        Console.line("  open the authorizeUrl it answers, click Allow; the browser lands on " + options.frontend()
                + "/?integration=hubspot&status=connected");
        Console.line("  the first sync of the " + options.hubspotContacts()
                + " contacts starts at once; follow it (jobId, then its events):");
        Console.line("  curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/sync");
        Console.line("  curl -N -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/imports/$JOB_ID/events");
        Console.line("  sync again: curl -X POST -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/sync/hubspot");
        Console.line("Stop        Ctrl-C");
    }

    /** Stops services first (they may flush to the store), then the infrastructure. Runs once. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Console.line("");
        Console.line("Stopping...");
        services.forEach(ServiceProcess::requestStop);
        for (ServiceProcess service : services) {
            try {
                service.awaitStop(SERVICE_STOP_GRACE);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (issuer != null) {
            issuer.close();
        }
        if (hubspot != null) {
            hubspot.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.thenAccept(KafkaKraftBroker::close)
                    .exceptionally(failed -> null)
                    .join();
        }
        deleteTemporaryKeyset();
        Console.line("Stopped.");
        stopped.countDown();
    }

    private void requireFreePorts() {
        List<String> busy = new ArrayList<>();
        for (Port port : Port.values()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("localhost", options.port(port)));
            } catch (IOException ex) {
                busy.add(options.port(port) + " (--" + port.option + ")");
            }
        }
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + ". Stop what uses them, or choose others (--port-offset=N, --<name>-port=N).");
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(options.logs());
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot create " + options.logs(), ex);
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
