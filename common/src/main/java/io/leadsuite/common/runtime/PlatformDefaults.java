package io.leadsuite.common.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code leadsuite-defaults.yml} (graceful shutdown, probes, metrics, logging, context
 * propagation) to every deployable's environment with the lowest precedence, so each service's own
 * {@code application.yml} holds only what is particular to it and can still override any default.
 */
public final class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "leadsuite-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
        }
    }
}
