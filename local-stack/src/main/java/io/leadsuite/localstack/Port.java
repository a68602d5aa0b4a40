package io.leadsuite.localstack;

/** Every port the local stack binds, with its command-line option and default. */
enum Port {
    GATEWAY("gateway-port", 8080),
    LEADS("leads-port", 8081),
    LISTS("lists-port", 8082),
    LINES("lines-port", 8083),
    INTEGRATIONS("integrations-port", 8084),
    IMPORTS("imports-port", 8085),
    ISSUER("issuer-port", 8090),
    HUBSPOT("hubspot-port", 8091),
    KAFKA("kafka-port", 9092),
    MONGO("mongo-port", 27017);

    final String option;
    final int defaultPort;

    Port(String option, int defaultPort) {
        this.option = option;
        this.defaultPort = defaultPort;
    }
}
