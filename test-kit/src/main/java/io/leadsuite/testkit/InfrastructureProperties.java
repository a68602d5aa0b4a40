package io.leadsuite.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The Spring Boot properties that point an application at the shared test infrastructure. */
final class InfrastructureProperties {

    private InfrastructureProperties() {}

    static Map<String, Object> of(Set<Component> components) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadsuite.security.internal-token", SharedInfrastructure.INTERNAL_TOKEN);
        if (components.contains(Component.MONGODB)) {
            properties.put("spring.mongodb.uri", SharedInfrastructure.mongoConnectionString());
        }
        if (components.contains(Component.KAFKA)) {
            String brokers = SharedInfrastructure.kafkaBootstrapServers();
            properties.put("spring.kafka.bootstrap-servers", brokers);
            properties.put("spring.cloud.stream.kafka.binder.brokers", brokers);
        }
        if (components.contains(Component.JWT_ISSUER)) {
            LocalJwtIssuer issuer = SharedInfrastructure.jwtIssuer();
            properties.put("leadsuite.security.jwks-uri", issuer.jwksUri().toString());
            properties.put("leadsuite.security.issuer", issuer.issuer());
        }
        return properties;
    }
}
