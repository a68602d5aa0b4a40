package io.leadsuite.localstack;

import java.util.Map;

/** The six deployables, each started from its module's jar as its own process. */
enum App {
    LEADS("leads-service", Port.LEADS),
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
