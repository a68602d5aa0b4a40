package io.leadsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one deployable reads from its environment, from its own files: the placeholders and keys of its
 * {@code application.yml} and of the shared {@code leadsuite-defaults.yml}, and the properties its
 * {@code @ConfigurationProperties} declare (the configuration processor's metadata of the module and of
 * {@code common}).
 */
final class ServiceConfiguration {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final String DEFAULTS = "common/src/main/resources/leadsuite-defaults.yml";

    /** A property the service needs set in a deployment (its default points at localhost). */
    record Requirement(String property, Set<String> variables) {}

    final String module;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Set<String> properties = new TreeSet<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private final boolean usesKafka;

    ServiceConfiguration(String module) {
        this.module = module;
        String own = Repository.read(module + "/src/main/resources/application.yml");
        String defaults = Repository.read(DEFAULTS);
        Map<String, Object> ownKeys = flatten(own);
        usesKafka = ownKeys.keySet().stream().anyMatch(key -> key.startsWith("spring.cloud.stream."));
        for (String text : List.of(own, defaults)) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                placeholders.putIfAbsent(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
            }
            properties.addAll(flatten(text).keySet());
        }
        ownKeys.forEach((key, value) -> {
            Matcher matcher = PLACEHOLDER.matcher(String.valueOf(value));
            if (matcher.find() && matcher.group(2) != null && matcher.group(2).contains("localhost")) {
                requirements.add(new Requirement(key, Set.of(matcher.group(1), legacyVariable(key))));
            }
        });
        for (String source : List.of("common", module)) {
            for (JsonNode property : metadata(source).path("properties")) {
                String name = property.path("name").asString();
                properties.add(name);
                if (property.path("defaultValue").asString("").contains("localhost")
                        && requirements.stream().noneMatch(r -> r.property().equals(name))) {
                    requirements.add(new Requirement(name, Set.of(legacyVariable(name))));
                }
            }
        }
    }

    /** Whether setting this environment variable changes this service's configuration. */
    boolean reads(String variable) {
        return placeholders.containsKey(variable)
                || properties.stream().anyMatch(property -> binds(variable, property));
    }

    /** Each variable set is one this service reads, and every requirement is met by one of them. */
    void assertConfiguredBy(Set<String> variables) {
        assertThat(variables)
                .allSatisfy(variable -> assertThat(reads(variable))
                        .as("%s reads %s", module, variable)
                        .isTrue());
        assertThat(requirements())
                .allSatisfy(requirement -> assertThat(variables)
                        .as("%s needs %s set", module, requirement.property())
                        .containsAnyElementsOf(requirement.variables()));
    }

    /** Whether a configuration-tree file (a mounted secret) of this name is a property it reads. */
    boolean readsProperty(String property) {
        return properties.contains(property);
    }

    /**
     * What a deployment must set: each property whose default is a localhost address (Kafka's only when
     * the service binds topics), satisfied by any of its variables.
     */
    List<Requirement> requirements() {
        List<Requirement> all = new ArrayList<>(requirements);
        if (usesKafka) {
            all.add(new Requirement("spring.cloud.stream.kafka.binder.brokers", Set.of("KAFKA_BOOTSTRAP_SERVERS")));
        }
        return all;
    }

    boolean usesKafka() {
        return usesKafka;
    }

    /** Spring's relaxed binding from the environment: canonical (dashes dropped) or legacy (dashes as _). */
    static boolean binds(String variable, String property) {
        String plain = property.replaceAll("\\[\\d+]", "");
        String underscored = plain.replace('.', '_').toUpperCase(Locale.ROOT);
        return variable.equals(underscored.replace("-", "")) || variable.equals(underscored.replace('-', '_'));
    }

    private static String legacyVariable(String property) {
        return property.replaceAll("\\[\\d+]", "")
                .replace('.', '_')
                .replace('-', '_')
                .toUpperCase(Locale.ROOT);
    }

    private static JsonNode metadata(String module) {
        Path classes = Repository.ROOT.resolve(module + "/target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: build " + module + " first (./mvnw verify)");
        }
        // Written by the configuration processor for each @ConfigurationProperties; none, no file.
        Path file = classes.resolve("META-INF/spring-configuration-metadata.json");
        return Files.exists(file)
                ? JsonMapper.builder().build().readTree(file.toFile())
                : JsonMapper.builder().build().createObjectNode();
    }

    private static Map<String, Object> flatten(String yaml) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", new Yaml().load(yaml), flat);
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, flat));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(prefix, node);
        }
    }
}
