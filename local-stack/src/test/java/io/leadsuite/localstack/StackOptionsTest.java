package io.leadsuite.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
    void findsEachModuleJarUnderTheRoot() {
        StackOptions options = StackOptions.parse(new String[] {"--root=/repo"});

        assertThat(options.jar(App.LEADS)).isEqualTo(Path.of("/repo/leads-service/target/leads-service.jar"));
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
