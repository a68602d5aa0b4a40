package io.leadsuite.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the in-process infrastructure's own logging (Kafka is chatty at INFO) to warnings, both before
 * Spring Boot configures logging and after, through {@code logging.level.*}.
 */
final class QuietLogs {

    private static final List<String> LOGGERS = List.of(
            "kafka",
            "org.apache.kafka",
            "state.change.logger",
            "de.bwaldvogel",
            "org.mongodb.driver",
            "org.testcontainers");

    private QuietLogs() {}

    static void apply() {
        // Plain-text logs in test output (deployed services log JSON). A system property, because Spring
        // Boot configures logging before a test's property sources are added.
        System.setProperty("logging.structured.format.console", "");
        for (String name : LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof Logger logback) {
                logback.setLevel(Level.WARN);
            }
            System.setProperty("logging.level." + name, "WARN");
        }
    }
}
