package io.leadsuite.common.testkit;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The JUnit 5 side of {@link WithInfrastructure}. */
final class InfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        Set<Component> components = EnumSet.noneOf(Component.class);
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithInfrastructure.class)
                .ifPresent(annotation -> components.addAll(Set.of(annotation.value())));
        // Plain-text logs in test output; deployed services log JSON.
        System.setProperty("logging.structured.format.console", "");
        if (components.contains(Component.MONGODB)) {
            System.setProperty("spring.mongodb.uri", SharedInfrastructure.mongoConnectionString());
        }
        if (components.contains(Component.KAFKA)) {
            String brokers = SharedInfrastructure.kafkaBootstrapServers();
            System.setProperty("spring.kafka.bootstrap-servers", brokers);
            System.setProperty("spring.cloud.stream.kafka.binder.brokers", brokers);
        }
        if (components.contains(Component.JWT_ISSUER)) {
            LocalJwtIssuer issuer = SharedInfrastructure.jwtIssuer();
            System.setProperty("leadsuite.security.jwks-uri", issuer.jwksUri().toString());
            System.setProperty("leadsuite.security.issuer", issuer.issuer());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalJwtIssuer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedInfrastructure.jwtIssuer();
    }
}
