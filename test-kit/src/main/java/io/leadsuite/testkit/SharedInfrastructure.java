package io.leadsuite.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The infrastructure of one test JVM, each piece started on first use and stopped when the JVM
 * exits. Where a Docker engine answers, MongoDB and Kafka run in Testcontainers (real MongoDB, so the
 * features the embedded store lacks are exercised too); otherwise in this JVM. Force either with
 * {@code -Dleadsuite.test.infrastructure=embedded|containers} (or the environment variable
 * {@code LEADSUITE_TEST_INFRASTRUCTURE}).
 */
public final class SharedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    /** The service-to-service secret ({@code X-Internal-Token}) every test application is given. */
    public static final String INTERNAL_TOKEN = "test-internal-token";

    static final String MONGO_IMAGE = "mongo:8.0";
    static final String KAFKA_IMAGE = "apache/kafka-native:4.1.2";

    private static Boolean containers;
    private static String mongo;
    private static String kafka;
    private static LocalJwtIssuer issuer;

    static {
        QuietLogs.apply();
    }

    private SharedInfrastructure() {}

    /**
     * The properties that point an application at all of the infrastructure, for tests that start an
     * application themselves ({@code SpringApplicationBuilder}) rather than through {@link WithInfrastructure}.
     */
    public static Map<String, Object> springProperties() {
        return InfrastructureProperties.of(EnumSet.allOf(Component.class));
    }

    public static synchronized String mongoConnectionString() {
        if (mongo == null) {
            if (useContainers()) {
                MongoDBContainer container = new MongoDBContainer(MONGO_IMAGE);
                container.start();
                onExit(container::stop);
                mongo = container.getConnectionString();
            } else {
                EmbeddedMongo embedded = EmbeddedMongo.inMemory(0);
                onExit(embedded::close);
                mongo = embedded.connectionString();
            }
            log.info("Test MongoDB at {}", mongo);
        }
        return mongo;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = useContainers() ? KafkaInfrastructure.container(KAFKA_IMAGE) : KafkaInfrastructure.embedded();
            log.info("Test Kafka at {}", kafka);
        }
        return kafka;
    }

    public static synchronized LocalJwtIssuer jwtIssuer() {
        if (issuer == null) {
            issuer = LocalJwtIssuer.start(0, null);
            onExit(issuer::close);
        }
        return issuer;
    }

    private static boolean useContainers() {
        if (containers == null) {
            String choice = System.getProperty(
                    "leadsuite.test.infrastructure",
                    System.getenv().getOrDefault("LEADSUITE_TEST_INFRASTRUCTURE", "auto"));
            containers = switch (choice.toLowerCase(Locale.ROOT)) {
                case "containers" -> true;
                case "embedded" -> false;
                default -> dockerAvailable();
            };
            log.info("Test infrastructure: {}", containers ? "Testcontainers" : "embedded");
        }
        return containers;
    }

    private static boolean dockerAvailable() {
        if (!dockerConfigured()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    /** Skips Testcontainers' probing (and its error log) where nothing points at a Docker engine. */
    private static boolean dockerConfigured() {
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
    }

    static void onExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "test-infrastructure-stop"));
    }
}
