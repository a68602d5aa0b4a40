package io.leadsuite.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/** The launcher's user interface: progress lines on standard output. */
final class Console {

    /** A command-line tool talks to its terminal, not to a log. */
    private static final PrintStream OUT = System.out;

    private Console() {}

    static synchronized void line(String text) {
        OUT.println(text);
        OUT.flush();
    }

    static void step(String what, String where, Duration took) {
        line(String.format(Locale.ROOT, "  up   %-28s %-34s %5.1f s", what, where, took.toMillis() / 1000.0));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Resident memory of a process (Linux), as the kernel reports it. */
    static OptionalLong residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException ex) {
            // Not Linux, or the process is gone.
        }
        return OptionalLong.empty();
    }
}
