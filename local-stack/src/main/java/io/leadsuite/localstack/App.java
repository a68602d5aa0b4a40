package io.leadsuite.localstack;

import java.util.Map;

/** The six deployables, each started from its module's jar as its own process. */
enum App {
    // The embedded store keeps no secondary index, so each look of the relay for events that no local
    // write signalled is a scan of every lead: with a million leads, looking every second would keep a
    // core busy. Local writes still wake the relay at once; the poll only recovers abandoned rounds.
    LEADS("leads-service", Port.LEADS, Map.of("LEADSUITE_LEADS_RELAY_POLLINTERVAL", "30s")),
    LISTS("lists-service", Port.LISTS),
    // The local stack has no carrier: lines are provisioned by the simulated one, which is off by default.
    LINES("lines-service", Port.LINES, Map.of("LEADSUITE_LINES_PROVISIONING_SIMULATOR_ENABLED", "true")),
    INTEGRATIONS("integrations-service", Port.INTEGRATIONS),
    IMPORTS("import-worker", Port.IMPORTS),
    GATEWAY("gateway", Port.GATEWAY);

    final String module;
    final Port port;

    /** What this service alone is started with, on top of the stack's shared environment. */
    final Map<String, String> environment;

    App(String module, Port port) {
        this(module, port, Map.of());
    }

    App(String module, Port port, Map<String, String> environment) {
        this.module = module;
        this.port = port;
        this.environment = environment;
    }

    /** Where the gateway finds each service (the variables of gateway/application.yml). */
    static Map<String, String> serviceUrls(StackOptions options) {
        return Map.of(
                "LEADS_SERVICE_URL", "http://localhost:" + options.port(Port.LEADS),
                "LISTS_SERVICE_URL", "http://localhost:" + options.port(Port.LISTS),
                "LINES_SERVICE_URL", "http://localhost:" + options.port(Port.LINES),
                "INTEGRATIONS_SERVICE_URL", "http://localhost:" + options.port(Port.INTEGRATIONS),
                "IMPORT_WORKER_URL", "http://localhost:" + options.port(Port.IMPORTS));
    }
}
