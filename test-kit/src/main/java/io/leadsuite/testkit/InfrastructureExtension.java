package io.leadsuite.testkit;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link WithInfrastructure}: starts the infrastructure and resolves {@link
 * LocalJwtIssuer} parameters. {@link InfrastructureContextCustomizerFactory} is the Spring side.
 */
final class InfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    /** Starts what the class asks for before any test runs; Spring contexts get it from the customizer. */
    @Override
    public void beforeAll(ExtensionContext context) {
        Set<Component> components = EnumSet.noneOf(Component.class);
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithInfrastructure.class)
                .ifPresent(annotation -> components.addAll(Set.of(annotation.value())));
        InfrastructureProperties.of(components);
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
