package io.leadsuite.common.runtime;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * The container health check of every image: {@code java -cp '/app/libs/*'
 * io.leadsuite.common.runtime.ReadinessProbe [url]} exits 0 when the service's readiness group answers
 * 200 and 1 otherwise. The images have no shell and no curl, so docker-compose's {@code healthcheck}
 * runs this instead; Kubernetes probes call the same endpoint over HTTP.
 *
 * <p>Without an argument it asks {@code http://localhost:$SERVER_PORT/actuator/health/readiness}. It
 * prints one line to standard output, which Docker keeps in the container's health log; it runs
 * outside the application, before any logging is configured, so it writes there directly.
 */
public final class ReadinessProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private ReadinessProbe() {}

    public static void main(String[] args) {
        URI target = args.length > 0 ? URI.create(args[0]) : defaultTarget(System.getenv("SERVER_PORT"));
        System.exit(check(target, TIMEOUT));
    }

    static URI defaultTarget(String serverPort) {
        if (serverPort == null || serverPort.isBlank()) {
            throw new IllegalArgumentException("SERVER_PORT is not set; pass the readiness URL as an argument");
        }
        return URI.create("http://localhost:" + serverPort.strip() + "/actuator/health/readiness");
    }

    /** The exit code: 0 for a 200 answer within the timeout, 1 for any other answer or none. */
    static int check(URI target, Duration timeout) {
        try {
            HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            int status = connection.getResponseCode();
            connection.disconnect();
            System.out.println(target.getPath() + " " + status);
            return status == 200 ? 0 : 1;
        } catch (IOException | RuntimeException ex) {
            System.out.println(
                    target.getPath() + " unreachable: " + ex.getClass().getSimpleName());
            return 1;
        }
    }
}
