package io.leadsuite.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points the application context of a {@link WithInfrastructure} test at the shared infrastructure,
 * through a property source of its own: below the test's own properties and
 * {@code @DynamicPropertySource}s, so a test can still point at something else (its own broker).
 */
final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        WithInfrastructure annotation = AnnotatedElementUtils.findMergedAnnotation(testClass, WithInfrastructure.class);
        if (annotation == null) {
            return null;
        }
        Set<Component> components = EnumSet.noneOf(Component.class);
        components.addAll(List.of(annotation.value()));
        return new Customizer(components);
    }

    private record Customizer(Set<Component> components) implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration configuration) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource infrastructure =
                    new MapPropertySource("leadsuiteTestInfrastructure", InfrastructureProperties.of(components));
            if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, infrastructure);
            } else {
                sources.addLast(infrastructure);
            }
        }
    }
}
