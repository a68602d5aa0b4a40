package io.leadsuite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository these tests check: its root, its files, and its deployables. */
final class Repository {

    static final Path ROOT = locateRoot();

    private static final Pattern DEPLOYABLE = Pattern.compile("<jib\\.skip>false</jib\\.skip>");

    private Repository() {}

    static String read(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static boolean exists(String relativePath) {
        return Files.exists(ROOT.resolve(relativePath));
    }

    /** The modules that ship as a container image: those whose pom turns {@code jib.skip} off. */
    static List<String> deployables() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.filter(dir -> Files.exists(dir.resolve("pom.xml")) && !dir.equals(ROOT))
                    .filter(dir -> DEPLOYABLE
                            .matcher(readQuietly(dir.resolve("pom.xml")))
                            .find())
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Every Kafka topic the code declares: the constants of {@code Topics} and each destination and
     * dead-letter topic a service's binding configuration names.
     */
    static List<String> declaredTopics() {
        Stream<String> constants = matches(
                Pattern.compile("= \"([a-z0-9.-]+)\";"),
                read("common/src/main/java/io/leadsuite/common/events/Topics.java"));
        Stream<String> bindings = deployables().stream()
                .flatMap(module -> matches(
                        Pattern.compile("(?m)^\\s*(?:destination|dlq-name): ([a-z0-9.-]+)\\s*$"),
                        read(module + "/src/main/resources/application.yml")));
        return Stream.concat(constants, bindings).distinct().sorted().toList();
    }

    private static Stream<String> matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        Stream.Builder<String> found = Stream.builder();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found.build();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "No docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
