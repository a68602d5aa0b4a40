package io.leadsuite.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the command line asked for. */
record StackOptions(
        Path root,
        Path dataDir,
        boolean inMemory,
        Map<Port, Integer> ports,
        List<String> jvmOptions,
        int hubspotContacts,
        String frontend) {

    static final int DEFAULT_HUBSPOT_CONTACTS = 5000;
    static final String DEFAULT_FRONTEND = "http://localhost:3000";

    private static final int USAGE_WIDTH = 105;
    private static final int DESCRIPTION_COLUMN = "  --data-dir=DIR      ".length();

    static final String USAGE = """
            Usage: ./run-local.sh [options]

            Starts the whole suite on this machine: a Kafka broker (KRaft), the embedded MongoDB-compatible
            store, a local JWT issuer and the six services, each in its own process. Ctrl-C stops everything.

              --data-dir=DIR      where the store, Kafka's log, the signing key and the logs live (default: .local)
              --in-memory         keep nothing: in-memory store, temporary Kafka log, a new signing key each start
              --hubspot-contacts=N  contacts the HubSpot simulator starts with (default: %d)
              --frontend=URL      the frontend's origin, where connect flows return (default: %s)
              --port-offset=N     add N to every default port, e.g. to run a second stack beside the first
              --<name>-port=N     one port: %s
              --root=DIR          the repository whose module jars to start (default: current directory)
              --no-build          (run-local.sh) start the jars as they are, without ./mvnw package first
              --help              this text
            """.formatted(DEFAULT_HUBSPOT_CONTACTS, DEFAULT_FRONTEND, defaultPorts());

    static StackOptions parse(String[] args) {
        Path root = Path.of("");
        Path dataDir = null;
        boolean inMemory = false;
        int offset = 0;
        int hubspotContacts = DEFAULT_HUBSPOT_CONTACTS;
        String frontend = DEFAULT_FRONTEND;
        Map<Port, Integer> explicit = new EnumMap<>(Port.class);
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--help", "-h" -> throw new UsageException(null);
                case "--in-memory" -> inMemory = true;
                case "--data-dir" -> dataDir = Path.of(required(name, value));
                case "--root" -> root = Path.of(required(name, value));
                case "--port-offset" -> offset = number(name, value);
                case "--hubspot-contacts" -> hubspotContacts = number(name, value);
                case "--frontend" -> frontend = required(name, value);
                default -> explicit.put(port(name), number(name, value));
            }
        }
        Map<Port, Integer> ports = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            ports.put(port, explicit.getOrDefault(port, port.defaultPort + offset));
        }
        Path data = (dataDir == null ? root.resolve(".local") : dataDir)
                .toAbsolutePath()
                .normalize();
        return new StackOptions(
                root.toAbsolutePath().normalize(),
                data,
                inMemory,
                ports,
                serviceJvmOptions(),
                hubspotContacts,
                frontend);
    }

    /** "gateway (8080), leads (8081), ..." from {@link Port}, wrapped under the option's description. */
    private static String defaultPorts() {
        StringBuilder text = new StringBuilder();
        int column = "  --<name>-port=N     one port: ".length();
        for (Port port : Port.values()) {
            String item = port.option.substring(0, port.option.length() - "-port".length()) + " (" + port.defaultPort
                    + ")" + (port.ordinal() < Port.values().length - 1 ? "," : "");
            if (text.length() > 0) {
                if (column + 1 + item.length() > USAGE_WIDTH) {
                    text.append('\n').append(" ".repeat(DESCRIPTION_COLUMN));
                    column = DESCRIPTION_COLUMN;
                } else {
                    text.append(' ');
                    column++;
                }
            }
            text.append(item);
            column += item.length();
        }
        return text.toString();
    }

    int port(Port port) {
        return ports.get(port);
    }

    Path jar(App app) {
        return root.resolve(app.module).resolve("target").resolve(app.module + ".jar");
    }

    Path logs() {
        return dataDir.resolve("logs");
    }

    /**
     * Sized for six services on a laptop or a 2-core CI machine: a small heap, the serial collector and
     * the C1 compiler only, which starts Spring Boot fastest and keeps resident memory low.
     */
    private static List<String> serviceJvmOptions() {
        List<String> options = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Xms32m",
                "-Xmx192m",
                "-XX:ReservedCodeCacheSize=48m",
                "-XX:MaxMetaspaceSize=160m"));
        String extra = System.getenv("LEADSUITE_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    private static Port port(String option) {
        for (Port port : Port.values()) {
            if (option.equals("--" + port.option)) {
                return port;
            }
        }
        throw new UsageException("Unknown option " + option);
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " needs a value, e.g. " + name + "=...");
        }
        return value;
    }

    private static int number(String name, String value) {
        try {
            int number = Integer.parseInt(required(name, value));
            if (number < 0 || number > 65535) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException ex) {
            throw new UsageException(name + " needs a number between 0 and 65535");
        }
    }

    /** A command line that cannot be run; the message says why (none for --help). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
