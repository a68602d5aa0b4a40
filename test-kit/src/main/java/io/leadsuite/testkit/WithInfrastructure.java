package io.leadsuite.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts, once per test JVM, the infrastructure a test class needs and points Spring Boot at it
 * ({@code spring.mongodb.uri}, {@code spring.kafka.bootstrap-servers}, {@code leadsuite.security.*}).
 * Test methods and constructors may declare a {@link LocalJwtIssuer} parameter to mint tokens.
 *
 * <pre>{@code
 * @WithInfrastructure
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * class LeadsApiIT { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(InfrastructureExtension.class)
public @interface WithInfrastructure {

    Component[] value() default {Component.MONGODB, Component.KAFKA, Component.JWT_ISSUER};
}
