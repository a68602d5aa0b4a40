package io.leadsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** k8s/: the base and every overlay, rendered and read typed, against the policies of docs/operations.md. */
class KustomizeOverlaysTest {

    /** The longest a service's graceful shutdown may take (spring.lifecycle.timeout-per-shutdown-phase). */
    private static final int SHUTDOWN_PHASE_SECONDS = 20;

    private static final Map<String, Manifests> RENDERED = new HashMap<>();

    static Stream<String> kustomizations() {
        return Stream.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod");
    }

    static Stream<String> overlays() {
        return Stream.of("k8s/overlays/dev", "k8s/overlays/prod");
    }

    static Manifests rendered(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, Manifests::render);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyFieldIsOneTheKubernetesModelKnows(String kustomization) {
        assertThat(rendered(kustomization).unknownFields()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyDeployableIsDeployedWithItsCompanions(String kustomization) {
        Manifests manifests = rendered(kustomization);
        assertThat(manifests.deployments())
                .extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Repository.deployables());
        for (Deployment deployment : manifests.deployments()) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();

            assertThat(podLabels)
                    .containsEntry("app.kubernetes.io/name", name)
                    .containsEntry("app.kubernetes.io/part-of", "leadsuite");
            assertThat(deployment.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", name);
            assertThat(manifests.named(Service.class, name))
                    .hasValueSatisfying(service -> assertThat(podLabels)
                            .containsAllEntriesOf(service.getSpec().getSelector()));
            assertThat(manifests.named(ServiceAccount.class, name)).isPresent();
            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                    .isEqualTo(name);
            assertThat(manifests.named(PodDisruptionBudget.class, name))
                    .hasValueSatisfying(budget -> assertThat(podLabels)
                            .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels()));
            assertThat(configMapsOf(manifests, deployment)).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyPodIsProbedLimitedAndLockedDown(String kustomization) {
        for (Deployment deployment : rendered(kustomization).deployments()) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container app = app(deployment);

            assertThat(path(app.getStartupProbe())).as(name).isEqualTo("/actuator/health/liveness");
            assertThat(path(app.getLivenessProbe())).as(name).isEqualTo("/actuator/health/liveness");
            assertThat(path(app.getReadinessProbe())).as(name).isEqualTo("/actuator/health/readiness");
            assertThat(app.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(app.getResources().getLimits()).as(name).containsKeys("cpu", "memory");

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(app.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(app.getSecurityContext().getReadOnlyRootFilesystem())
                    .as(name)
                    .isTrue();
            assertThat(app.getSecurityContext().getAllowPrivilegeEscalation())
                    .as(name)
                    .isFalse();
            assertThat(app.getSecurityContext().getCapabilities().getDrop())
                    .as(name)
                    .containsExactly("ALL");
            assertThat(app.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();

            assertThat(app.getVolumeMounts()).as(name).anySatisfy(mount -> {
                assertThat(mount.getMountPath()).isEqualTo("/tmp");
                assertThat(volume(pod, mount.getName()).getEmptyDir()).isNotNull();
            });
            long preStop = app.getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(pod.getTerminationGracePeriodSeconds())
                    .as("%s: grace period beyond preStop and the shutdown phase", name)
                    .isGreaterThan(preStop + SHUTDOWN_PHASE_SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyImageIsPinned(String kustomization) {
        for (Deployment deployment : rendered(kustomization).deployments()) {
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(container.getImage())
                        .as(deployment.getMetadata().getName())
                        .matches("[a-z0-9./-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?")
                        .matches(".*(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$")
                        .doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyVariableSetIsReadAndEveryRequiredOneIsSet(String kustomization) {
        Manifests manifests = rendered(kustomization);
        for (Deployment deployment : manifests.deployments()) {
            new ServiceConfiguration(deployment.getMetadata().getName())
                    .assertConfiguredBy(variables(manifests, deployment).keySet());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretAPodUsesIsProvidedAndHoldsOnlyPropertiesItReads(String overlay) {
        Manifests manifests = rendered(overlay);
        for (Deployment deployment : manifests.deployments()) {
            String name = deployment.getMetadata().getName();
            ServiceConfiguration configuration = new ServiceConfiguration(name);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    assertThat(app(deployment).getVolumeMounts())
                            .anySatisfy(
                                    mount -> assertThat(mount.getMountPath()).isEqualTo("/run/secrets"));
                    assertThat(secretKeys(manifests, volume.getSecret().getSecretName()))
                            .as("%s's secret %s", name, volume.getSecret().getSecretName())
                            .isNotEmpty()
                            .allSatisfy(key -> assertThat(configuration.readsProperty(key))
                                    .as("%s reads %s", name, key)
                                    .isTrue());
                }
            }
            app(deployment).getEnv().stream()
                    .filter(env ->
                            env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .forEach(env -> assertThat(secretKeys(
                                    manifests,
                                    env.getValueFrom().getSecretKeyRef().getName()))
                            .as("%s: %s", name, env.getName())
                            .contains(env.getValueFrom().getSecretKeyRef().getKey()));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicTheCodeDeclaresHasAKafkaTopic(String overlay) {
        Set<String> topics = rendered(overlay).custom("KafkaTopic").stream()
                .map(topic -> (String) spec(topic).get("topicName"))
                .collect(Collectors.toSet());

        assertThat(topics).containsExactlyInAnyOrderElementsOf(Repository.declaredTopics());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeadLetterTopicHasAsManyPartitionsAsItsSource(String overlay) {
        Map<String, Integer> partitions = new HashMap<>();
        rendered(overlay)
                .custom("KafkaTopic")
                .forEach(topic -> partitions.put((String) spec(topic).get("topicName"), (Integer)
                        spec(topic).get("partitions")));

        partitions.forEach((topic, count) -> {
            if (topic.endsWith(".dlt")) {
                String source = topic.replaceFirst("\\.[a-z-]+\\.dlt$", "");
                assertThat(count)
                        .as("%s: the binder dead-letters a record to its partition number in %s", topic, source)
                        .isGreaterThanOrEqualTo(partitions.get(source));
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPasswordTheMongoDbOperatorReadsIsProvidedUnderThatExactName(String overlay) {
        Manifests manifests = rendered(overlay);
        for (GenericKubernetesResource replicaSet : manifests.custom("MongoDBCommunity")) {
            for (Object user : (List<?>) spec(replicaSet).get("users")) {
                String secret = (String) ((Map<?, ?>) ((Map<?, ?>) user).get("passwordSecretRef")).get("name");
                assertThat(secretKeys(manifests, secret))
                        .as("%s provides %s", overlay, secret)
                        .contains("password");
            }
        }
    }

    @Test
    void devRunsOneOfEverythingWithTheSimulatedCarrier() {
        Manifests dev = rendered("k8s/overlays/dev");

        assertThat(dev.deployments())
                .allSatisfy(deployment ->
                        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1));
        assertThat(variables(dev, dev.named(Deployment.class, "lines-service").orElseThrow()))
                .containsEntry("LEADSUITE_LINES_PROVISIONING_SIMULATOR_ENABLED", "true");
    }

    @Test
    void prodRunsTwoOrMoreOfEverythingSpreadWithoutSimulatorsOrSecretsInTheRepository() {
        Manifests prod = rendered("k8s/overlays/prod");
        Map<String, Integer> autoscaled = new HashMap<>();
        prod.all(HorizontalPodAutoscaler.class)
                .forEach(hpa -> autoscaled.put(
                        hpa.getSpec().getScaleTargetRef().getName(),
                        hpa.getSpec().getMinReplicas()));
        prod.custom("ScaledObject")
                .forEach(scaler ->
                        autoscaled.put((String) ((Map<?, ?>) spec(scaler).get("scaleTargetRef")).get("name"), (Integer)
                                spec(scaler).get("minReplicaCount")));

        for (Deployment deployment : prod.deployments()) {
            String name = deployment.getMetadata().getName();
            if (autoscaled.containsKey(name)) {
                assertThat(deployment.getSpec().getReplicas())
                        .as("%s: the autoscaler owns replicas", name)
                        .isNull();
                assertThat(autoscaled.get(name)).as(name).isGreaterThanOrEqualTo(2);
            } else {
                assertThat(deployment.getSpec().getReplicas()).as(name).isGreaterThanOrEqualTo(2);
            }
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                    .as(name)
                    .anySatisfy(term -> assertThat(term.getPodAffinityTerm().getTopologyKey())
                            .isEqualTo("kubernetes.io/hostname"));
            assertThat(variables(prod, deployment))
                    .as(name)
                    .doesNotContainEntry("LEADSUITE_LINES_PROVISIONING_SIMULATOR_ENABLED", "true");
        }
        assertThat(prod.all(Secret.class))
                .as("prod secrets come from the secret store")
                .isEmpty();
        assertThat(prod.custom("ExternalSecret")).isNotEmpty();
    }

    @Test
    void importWorkerScalesOnItsOwnGroupsLagUpToThePartitions() {
        Manifests prod = rendered("k8s/overlays/prod");
        GenericKubernetesResource scaler = prod.custom("ScaledObject").get(0);
        Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec(scaler).get("triggers")).get(0);
        Map<?, ?> metadata = (Map<?, ?>) trigger.get("metadata");
        String topic = (String) metadata.get("topic");
        int partitions = prod.custom("KafkaTopic").stream()
                .filter(kafkaTopic -> topic.equals(spec(kafkaTopic).get("topicName")))
                .map(kafkaTopic -> (Integer) spec(kafkaTopic).get("partitions"))
                .findFirst()
                .orElseThrow();

        assertThat(trigger.get("type")).isEqualTo("kafka");
        assertThat(topic).isEqualTo("imports.requests.v1");
        assertThat(metadata.get("consumerGroup")).isEqualTo("import-worker");
        assertThat(metadata.get("bootstrapServers"))
                .isEqualTo(variables(
                                prod,
                                prod.named(Deployment.class, "import-worker").orElseThrow())
                        .get("KAFKA_BOOTSTRAP_SERVERS"));
        assertThat((Integer) spec(scaler).get("maxReplicaCount")).isLessThanOrEqualTo(partitions);
    }

    @Test
    void everyAlertHasARunbookSectionInTheOperationsGuide() {
        String operations = Repository.read("docs/operations.md");
        List<GenericKubernetesResource> rules = rendered("k8s/overlays/prod").custom("PrometheusRule");
        assertThat(rules).hasSize(1);
        List<?> groups = (List<?>) spec(rules.get(0)).get("groups");
        List<Map<?, ?>> alerts = groups.stream()
                .flatMap(group -> ((List<?>) ((Map<?, ?>) group).get("rules")).stream())
                .<Map<?, ?>>map(rule -> (Map<?, ?>) rule)
                .toList();

        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            String name = (String) alert.get("alert");
            assertThat(operations).contains("\n### " + name + "\n");
            assertThat(((Map<?, ?>) alert.get("annotations")).get("runbook"))
                    .isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
        });
    }

    /** The environment of a Deployment's app container: its env entries and its ConfigMaps' data. */
    static Map<String, String> variables(Manifests manifests, Deployment deployment) {
        Map<String, String> variables = new HashMap<>();
        configMapsOf(manifests, deployment).forEach(configMap -> variables.putAll(configMap.getData()));
        app(deployment)
                .getEnv()
                .forEach(env -> variables.put(env.getName(), Objects.toString(env.getValue(), "<from a secret>")));
        return variables;
    }

    private static List<ConfigMap> configMapsOf(Manifests manifests, Deployment deployment) {
        return app(deployment).getEnvFrom().stream()
                .filter(source -> source.getConfigMapRef() != null)
                .map(source -> manifests.configMap(source.getConfigMapRef().getName()))
                .toList();
    }

    /** The keys a secret will hold: generated here, written by an ExternalSecret, or by the MongoDB operator. */
    private static Set<String> secretKeys(Manifests manifests, String name) {
        Set<String> keys = new HashSet<>();
        manifests
                .named(Secret.class, name)
                .ifPresent(secret -> keys.addAll(secret.getData().keySet()));
        for (GenericKubernetesResource external : manifests.custom("ExternalSecret")) {
            if (name.equals(((Map<?, ?>) spec(external).get("target")).get("name"))) {
                ((List<?>) spec(external).get("data"))
                        .forEach(entry -> keys.add((String) ((Map<?, ?>) entry).get("secretKey")));
            }
        }
        for (GenericKubernetesResource replicaSet : manifests.custom("MongoDBCommunity")) {
            for (Object user : (List<?>) spec(replicaSet).get("users")) {
                if (name.equals(((Map<?, ?>) user).get("connectionStringSecretName"))) {
                    keys.addAll(Set.of(
                            "connectionString.standard", "connectionString.standardSrv", "username", "password"));
                }
            }
        }
        return keys;
    }

    static Container app(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals("app"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no container app"));
    }

    static Map<?, ?> spec(GenericKubernetesResource resource) {
        return (Map<?, ?>) resource.getAdditionalProperties().get("spec");
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
