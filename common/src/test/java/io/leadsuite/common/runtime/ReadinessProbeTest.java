package io.leadsuite.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void readyServiceExitsZero() {
        assertThat(ReadinessProbe.check(readiness(server.getAddress().getPort()), Duration.ofSeconds(2)))
                .isZero();
    }

    @Test
    void serviceThatIsNotReadyExitsOne() {
        status.set(503);

        assertThat(ReadinessProbe.check(readiness(server.getAddress().getPort()), Duration.ofSeconds(2)))
                .isEqualTo(1);
    }

    @Test
    void unreachableServiceExitsOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(ReadinessProbe.check(readiness(closedPort), Duration.ofSeconds(2)))
                .isEqualTo(1);
    }

    @Test
    void defaultTargetIsTheReadinessGroupOnTheServerPort() {
        assertThat(ReadinessProbe.defaultTarget(" 8081 "))
                .isEqualTo(URI.create("http://localhost:8081/actuator/health/readiness"));
        assertThatIllegalArgumentException().isThrownBy(() -> ReadinessProbe.defaultTarget(null));
    }

    private static URI readiness(int port) {
        return URI.create("http://localhost:" + port + "/actuator/health/readiness");
    }
}
