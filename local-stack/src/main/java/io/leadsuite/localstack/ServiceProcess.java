package io.leadsuite.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as a child JVM, its output in a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final App app;
    final int port;
    final Path log;
    private final Process process;

    private ServiceProcess(App app, int port, Path log, Process process) {
        this.app = app;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(App app, StackOptions options, Map<String, String> environment) {
        Path jar = options.jar(app);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the modules first (./mvnw package -DskipTests)");
        }
        Path log = options.logs().resolve(app.module + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(app.environment);
        builder.environment().put("SERVER_PORT", String.valueOf(options.port(app.port)));
        try {
            return new ServiceProcess(app, options.port(app.port), log, builder.start());
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot start " + app.module, ex);
        }
    }

    /** Waits until the readiness probe answers UP; false if the process died or time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // Still starting.
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    long pid() {
        return process.pid();
    }

    /** Asks for a graceful shutdown (SIGTERM). */
    void requestStop() {
        process.destroy();
    }

    /** Waits for the process to end, killing it (and anything it started) if it takes too long. */
    void awaitStop(Duration grace) throws InterruptedException {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The last lines of the log, to show why a service did not come up. */
    List<String> tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException ex) {
            return List.of("(cannot read " + log + ": " + ex.getMessage() + ")");
        }
    }
}
