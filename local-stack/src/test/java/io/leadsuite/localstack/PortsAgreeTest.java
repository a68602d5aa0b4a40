package io.leadsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@link Port} holds the default ports; the modules' {@code application.yml}, the gateway's (and any
 * service's) URL defaults, the READMEs and the launcher's usage text repeat them. This reads them from
 * the repository checkout and fails on the first that disagrees.
 */
class PortsAgreeTest {

    private static final Path ROOT = repositoryRoot();
    private static final Pattern LOCAL_URL_DEFAULT = Pattern.compile("\\$\\{([A-Z_]+_URL):(http://localhost:\\d+)}");
    private static final Pattern KAFKA_DEFAULT = Pattern.compile("\\$\\{KAFKA_BOOTSTRAP_SERVERS:localhost:(\\d+)}");
    private static final Pattern MONGO_DEFAULT = Pattern.compile("\\$\\{MONGODB_URI:mongodb://localhost:(\\d+)}");

    @Test
    void eachServiceListensOnItsDefaultPort() throws IOException {
        for (App app : App.values()) {
            Map<String, Object> yaml = new Yaml().load(read(applicationYml(app.module)));
            Object server = yaml.get("server");
            assertThat(server).as("%s: server", applicationYml(app.module)).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) server).get("port"))
                    .as("%s: server.port", applicationYml(app.module))
                    .isEqualTo(app.port.defaultPort);
        }
    }

    @Test
    void everyServiceUrlDefaultPointsAtThatServicesPort() throws IOException {
        Map<String, String> expected = App.serviceUrls(StackOptions.parse(new String[0]));
        Set<String> inGateway = new HashSet<>();
        for (App app : App.values()) {
            for (Path file : configurationAndSources(app.module)) {
                for (Matcher url = LOCAL_URL_DEFAULT.matcher(read(file)); url.find(); ) {
                    assertThat(expected)
                            .as("%s: ${%s:...} is a service the local stack starts", file, url.group(1))
                            .containsKey(url.group(1));
                    assertThat(url.group(2))
                            .as("%s: default of ${%s}", file, url.group(1))
                            .isEqualTo(expected.get(url.group(1)));
                    if (app == App.GATEWAY) {
                        inGateway.add(url.group(1));
                    }
                }
            }
        }
        assertThat(inGateway).as("services the gateway routes to").isEqualTo(expected.keySet());
    }

    @Test
    void kafkaAndMongoDefaultsAreTheLocalStacks() throws IOException {
        List<Path> files = new ArrayList<>(Arrays.stream(App.values())
                .map(app -> applicationYml(app.module))
                .toList());
        files.add(ROOT.resolve("common/src/main/resources/leadsuite-defaults.yml"));
        for (Path file : files) {
            String text = read(file);
            for (Matcher kafka = KAFKA_DEFAULT.matcher(text); kafka.find(); ) {
                assertThat(Integer.parseInt(kafka.group(1)))
                        .as("%s: Kafka", file)
                        .isEqualTo(Port.KAFKA.defaultPort);
            }
            for (Matcher mongo = MONGO_DEFAULT.matcher(text); mongo.find(); ) {
                assertThat(Integer.parseInt(mongo.group(1)))
                        .as("%s: MongoDB", file)
                        .isEqualTo(Port.MONGO.defaultPort);
            }
        }
    }

    @Test
    void theReadmeServicesTableListsEachDefaultPort() throws IOException {
        List<String> rows = read(ROOT.resolve("README.md")).lines().toList();
        for (App app : App.values()) {
            String prefix = "| [" + app.module + "](" + app.module + ") |";
            List<String> row =
                    rows.stream().filter(line -> line.startsWith(prefix)).toList();
            assertThat(row)
                    .as("README.md: services table row of %s", app.module)
                    .hasSize(1);
            assertThat(row.get(0).split("\\|")[2].trim())
                    .as("README.md: port of %s", app.module)
                    .isEqualTo(String.valueOf(app.port.defaultPort));
        }
    }

    @Test
    void eachModuleReadmeOpensWithItsDefaultPort() throws IOException {
        Pattern port = Pattern.compile("[Pp]ort (\\d+)");
        for (App app : App.values()) {
            Path readme = ROOT.resolve(app.module).resolve("README.md");
            String opening = read(readme).split("\\n\\s*\\n")[1];
            Matcher found = port.matcher(opening);
            assertThat(found.find())
                    .as("%s names its port in its first paragraph", readme)
                    .isTrue();
            assertThat(Integer.parseInt(found.group(1))).as("%s: port", readme).isEqualTo(app.port.defaultPort);
        }
    }

    @Test
    void theUsageTextNamesEachDefaultPort() {
        for (Port port : Port.values()) {
            assertThat(StackOptions.USAGE)
                    .contains(port.option.substring(0, port.option.length() - "-port".length()) + " ("
                            + port.defaultPort + ")");
        }
    }

    private static Path applicationYml(String module) {
        return ROOT.resolve(module).resolve("src/main/resources/application.yml");
    }

    /** The module's application.yml and its main Java sources ({@code @Value("${..._URL:...}")}). */
    private static List<Path> configurationAndSources(String module) throws IOException {
        List<Path> files = new ArrayList<>(List.of(applicationYml(module)));
        try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            sources.filter(file -> file.toString().endsWith(".java")).forEach(files::add);
        }
        return files;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** The checkout: the test runs in the module's directory (Maven) or the repository's (an IDE). */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No repository checkout above " + Path.of("").toAbsolutePath());
    }
}
