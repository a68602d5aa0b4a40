package io.leadsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml at the repository root, read as compose reads it (anchors and merge keys). */
class ComposeFileTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final String COMPOSE = Repository.read("docker-compose.yml");
    private static final Map<String, Map<String, Object>> SERVICES = loadServices();

    static Stream<String> services() {
        return SERVICES.keySet().stream();
    }

    static Stream<String> deployables() {
        return Repository.deployables().stream();
    }

    @Test
    void everyDeployableRunsFromItsImage() {
        assertThat(SERVICES).containsKeys(Repository.deployables().toArray(String[]::new));
        for (String module : Repository.deployables()) {
            assertThat(interpolateDefaults(string(SERVICES.get(module).get("image"))))
                    .isEqualTo("leadsuite/" + module + ":0.1.0-SNAPSHOT");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void longRunningServiceHasAHealthCheck(String name) {
        Map<String, Object> service = SERVICES.get(name);
        if ("no".equals(service.get("restart"))) {
            return; // a one-shot job (mongodb-init) ends instead of becoming healthy
        }
        assertThat(map(service.get("healthcheck")).get("test"))
                .as("%s healthcheck", name)
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .first()
                .isEqualTo("CMD");
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageIsPinned(String name) {
        String image = interpolateDefaults(string(SERVICES.get(name).get("image")));

        assertThat(image).as(name).matches("[a-z0-9./-]+(:[A-Za-z0-9._-]+)(@sha256:[0-9a-f]{64})?");
        assertThat(image).as(name).doesNotEndWith(":latest");
    }

    @ParameterizedTest
    @MethodSource("services")
    void dependenciesAreAwaitedUntilHealthy(String name) {
        map(SERVICES.get(name).getOrDefault("depends_on", Map.of())).forEach((dependency, condition) -> {
            String expected = "no".equals(SERVICES.get(dependency.toString()).get("restart"))
                    ? "service_completed_successfully"
                    : "service_healthy";
            if (name.equals("mongodb-init")) {
                expected = "service_started"; // it is what makes mongodb healthy
            }
            assertThat(map(condition).get("condition"))
                    .as("%s → %s", name, dependency)
                    .isEqualTo(expected);
        });
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        SERVICES.forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(service).as(name).doesNotContainKey("ports");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("deployables")
    void everyVariableSetIsReadByThatService(String module) {
        ServiceConfiguration configuration = new ServiceConfiguration(module);
        Set<String> variables = map(SERVICES.get(module).get("environment")).keySet().stream()
                .map(Object::toString)
                .collect(Collectors.toSet());

        configuration.assertConfiguredBy(variables);
    }

    @ParameterizedTest
    @MethodSource("deployables")
    void secretsAreFilesNamedAfterAPropertyTheServiceReads(String module) {
        ServiceConfiguration configuration = new ServiceConfiguration(module);
        for (Object secret : list(SERVICES.get(module).getOrDefault("secrets", List.of()))) {
            String target = string(map(secret).get("target"));

            assertThat(configuration.readsProperty(target))
                    .as("%s reads %s", module, target)
                    .isTrue();
            assertThat(map(map(root().get("secrets")).get(map(secret).get("source"))))
                    .containsKey("file");
        }
        assertThat(map(SERVICES.get(module).get("environment")).keySet())
                .as("no secret in %s's environment", module)
                .noneMatch(variable -> variable.toString().matches(".*(TOKEN|PASSWORD|SECRET|KEYSET).*"));
    }

    @Test
    void envExampleListsExactlyTheVariablesComposeInterpolates() {
        Set<String> interpolated = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(COMPOSE);
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
        }
        Set<String> example = new TreeSet<>();
        for (String line : Repository.read(".env.example").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }

        assertThat(example).isEqualTo(interpolated);
    }

    /** The image reference as compose resolves it when .env sets nothing: each ${VAR:-default} is its default. */
    private static String interpolateDefaults(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    resolved, Matcher.quoteReplacement(matcher.group(3) == null ? "" : matcher.group(3)));
        }
        return matcher.appendTail(resolved).toString();
    }

    private static Map<String, Map<String, Object>> loadServices() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) root().get("services");
        return services;
    }

    private static Map<String, Object> root() {
        return new Yaml().load(COMPOSE);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<Object, Object>) node;
    }

    private static List<?> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<?>) node;
    }

    private static String string(Object node) {
        assertThat(node).isInstanceOf(String.class);
        return (String) node;
    }
}
