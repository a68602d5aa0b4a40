package io.leadsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackOptionsTest {

    @Test
    void persistsUnderDotLocalOnTheDocumentedPortsByDefault() {
        StackOptions options = StackOptions.parse(new String[0]);

        assertThat(options.inMemory()).isFalse();
        assertThat(options.dataDir())
                .isEqualTo(Path.of(".local").toAbsolutePath().normalize());
        assertThat(options.port(Port.GATEWAY)).isEqualTo(8080);
        assertThat(options.port(Port.KAFKA)).isEqualTo(9092);
        assertThat(options.port(Port.MONGO)).isEqualTo(27017);
    }

    @Test
    void anExplicitPortWinsOverTheOffset() {
        StackOptions options =
                StackOptions.parse(new String[] {"--port-offset=100", "--gateway-port=9999", "--in-memory"});

        assertThat(options.inMemory()).isTrue();
        assertThat(options.port(Port.GATEWAY)).isEqualTo(9999);
        assertThat(options.port(Port.LEADS)).isEqualTo(8181);
        assertThat(options.port(Port.ISSUER)).isEqualTo(8190);
    }

    @Test
    void findsEachModuleJarUnderTheRoot(@TempDir Path root) throws IOException {
        Map<App, Path> built = new EnumMap<>(App.class);
        built.put(App.LEADS, root.resolve("leads-service/target/leads-service.jar"));
        built.put(App.LISTS, root.resolve("lists-service/target/lists-service.jar"));
        built.put(App.LINES, root.resolve("lines-service/target/lines-service.jar"));
        built.put(App.INTEGRATIONS, root.resolve("integrations-service/target/integrations-service.jar"));
        built.put(App.IMPORTS, root.resolve("import-worker/target/import-worker.jar"));
        built.put(App.GATEWAY, root.resolve("gateway/target/gateway.jar"));
        for (Path jar : built.values()) {
            Files.createDirectories(jar.getParent());
            Files.createFile(jar);
        }

        StackOptions options = StackOptions.parse(new String[] {"--root=" + root});

        assertThat(built).containsOnlyKeys(App.values());
        for (App app : App.values()) {
            assertThat(options.jar(app))
                    .as(app.module)
                    .isEqualTo(built.get(app))
                    .isRegularFile();
            assertThat(Path.of("..", app.module, "pom.xml"))
                    .as("a module of this repository")
                    .isRegularFile();
        }
    }

    @Test
    void rejectsUnknownOptionsAndBadPorts() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--verbose"}))
                .isInstanceOf(StackOptions.UsageException.class)
                .hasMessageContaining("--verbose");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--kafka-port=99999"}))
                .isInstanceOf(StackOptions.UsageException.class)
                .hasMessageContaining("--kafka-port");
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--data-dir"}))
                .isInstanceOf(StackOptions.UsageException.class);
    }
}
