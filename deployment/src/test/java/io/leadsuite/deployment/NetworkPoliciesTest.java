package io.leadsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The network-policies component allows exactly the connections the suite makes. The calls are derived
 * from each Deployment's configuration (its {@code http://service:port} URLs, whether it has a MongoDB URI
 * and Kafka brokers); the policies are evaluated as Kubernetes does (a connection needs an egress rule of
 * the source and an ingress rule of the destination, once any policy selects the pod for that direction).
 */
class NetworkPoliciesTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern SERVICE_URL = Pattern.compile("^http://([a-z0-9-]+):(\\d+)$");

    /** A pod as the policies see it: namespace, labels, named container ports. */
    record Pod(
            String name,
            String namespace,
            Map<String, String> namespaceLabels,
            Map<String, String> labels,
            Map<String, Integer> ports) {}

    static Stream<String> overlays() {
        return KustomizeOverlaysTest.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void policiesAllowExactlyTheCallsTheServicesMake(String overlay) {
        Manifests manifests = KustomizeOverlaysTest.rendered(overlay);
        String namespace = manifests.all(Namespace.class).get(0).getMetadata().getName();
        Map<String, String> namespaceLabels = Map.of("kubernetes.io/metadata.name", namespace);
        List<Pod> suite = manifests.deployments().stream()
                .map(d -> pod(d, namespace, namespaceLabels))
                .toList();
        Pod kafka = new Pod(
                "kafka",
                namespace,
                namespaceLabels,
                Map.of("strimzi.io/cluster", "leadsuite", "strimzi.io/kind", "Kafka"),
                Map.of("tcp-clients", 9092));
        Pod mongodb = new Pod(
                "mongodb",
                namespace,
                namespaceLabels,
                Map.of("app", "leadsuite-mongodb-svc"),
                Map.of("mongodb", 27017));
        Pod ingress = new Pod(
                "ingress-controller",
                "ingress-nginx",
                Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                Map.of(),
                Map.of());
        Pod prometheus = new Pod(
                "prometheus", "monitoring", Map.of("kubernetes.io/metadata.name", "monitoring"), Map.of(), Map.of());

        Set<String> expected = new TreeSet<>();
        for (Deployment deployment : manifests.deployments()) {
            String source = deployment.getMetadata().getName();
            KustomizeOverlaysTest.variables(manifests, deployment).forEach((variable, value) -> {
                Matcher url = SERVICE_URL.matcher(value);
                if (url.matches() && suite.stream().anyMatch(pod -> pod.name().equals(url.group(1)))) {
                    expected.add(source + " -> " + url.group(1) + ":" + url.group(2));
                }
                if (variable.equals("MONGODB_URI")) {
                    expected.add(source + " -> mongodb:27017");
                }
                if (variable.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                    expected.add(source + " -> kafka:9092");
                }
            });
        }
        expected.add("ingress-controller -> gateway:8080");
        suite.forEach(pod ->
                expected.add("prometheus -> " + pod.name() + ":" + pod.ports().get("http")));

        List<NetworkPolicy> policies = new ArrayList<>(manifests.all(NetworkPolicy.class));
        policies.addAll(strimziListenerPolicies(manifests, namespace));
        Set<String> allowed = new TreeSet<>();
        List<Pod> sources = new ArrayList<>(suite);
        sources.addAll(List.of(ingress, prometheus));
        List<Pod> destinations = new ArrayList<>(suite);
        destinations.addAll(List.of(kafka, mongodb));
        for (Pod source : sources) {
            for (Pod destination : destinations) {
                for (int port : destination.ports().values()) {
                    if (source != destination && allows(policies, source, destination, port)) {
                        allowed.add(source.name() + " -> " + destination.name() + ":" + port);
                    }
                }
            }
        }

        assertThat(expected).contains("gateway -> leads-service:8081", "import-worker -> leads-service:8081");
        assertThat(allowed).isEqualTo(expected);
    }

    /**
     * The policy Strimzi writes for each listener of a Kafka cluster: its brokers accept the listener's
     * port from the listener's networkPolicyPeers.
     */
    private static List<NetworkPolicy> strimziListenerPolicies(Manifests manifests, String namespace) {
        List<NetworkPolicy> policies = new ArrayList<>();
        for (GenericKubernetesResource kafka : manifests.custom("Kafka")) {
            Map<?, ?> spec = (Map<?, ?>) KustomizeOverlaysTest.spec(kafka).get("kafka");
            for (Object entry : (List<?>) spec.get("listeners")) {
                Map<?, ?> listener = (Map<?, ?>) entry;
                List<NetworkPolicyPeer> peers = ((List<?>) listener.get("networkPolicyPeers"))
                        .stream()
                                .map(peer -> SERIALIZATION.convertValue(peer, NetworkPolicyPeer.class))
                                .toList();
                policies.add(new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName(kafka.getMetadata().getName() + "-network-policy-kafka")
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .addToMatchLabels(
                                "strimzi.io/cluster", kafka.getMetadata().getName())
                        .addToMatchLabels("strimzi.io/kind", "Kafka")
                        .endPodSelector()
                        .withPolicyTypes("Ingress")
                        .addNewIngress()
                        .withFrom(peers)
                        .addNewPort()
                        .withPort(new IntOrString((Integer) listener.get("port")))
                        .endPort()
                        .endIngress()
                        .endSpec()
                        .build());
            }
        }
        return policies;
    }

    private static Pod pod(Deployment deployment, String namespace, Map<String, String> namespaceLabels) {
        Map<String, Integer> ports = new HashMap<>();
        KustomizeOverlaysTest.app(deployment)
                .getPorts()
                .forEach(port -> ports.put(port.getName(), port.getContainerPort()));
        return new Pod(
                deployment.getMetadata().getName(),
                namespace,
                namespaceLabels,
                deployment.getSpec().getTemplate().getMetadata().getLabels(),
                ports);
    }

    private static boolean allows(List<NetworkPolicy> policies, Pod source, Pod destination, int port) {
        return direction(policies, source, "Egress", destination, port)
                && direction(policies, destination, "Ingress", source, port);
    }

    /** Whether the policies selecting {@code pod} for a direction let it talk to {@code peer} on the port. */
    private static boolean direction(List<NetworkPolicy> policies, Pod pod, String type, Pod peer, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> pod.namespace().equals(policy.getMetadata().getNamespace()))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), pod.labels()))
                .filter(policy -> policy.getSpec().getPolicyTypes().contains(type))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        Pod target = type.equals("Egress") ? peer : pod;
        return selecting.stream()
                .anyMatch(policy -> type.equals("Egress")
                        ? policy.getSpec().getEgress().stream()
                                .anyMatch(rule ->
                                        peers(rule.getTo(), policy, peer) && ports(rule.getPorts(), target, port))
                        : policy.getSpec().getIngress().stream()
                                .anyMatch(rule ->
                                        peers(rule.getFrom(), policy, peer) && ports(rule.getPorts(), target, port)));
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, NetworkPolicy policy, Pod peer) {
        return peers.isEmpty()
                || peers.stream().anyMatch(candidate -> {
                    if (candidate.getIpBlock() != null) {
                        return false; // the ipBlocks allow addresses outside the cluster's private ranges, never a pod
                    }
                    boolean namespace = candidate.getNamespaceSelector() == null
                            ? peer.namespace().equals(policy.getMetadata().getNamespace())
                            : matches(candidate.getNamespaceSelector(), peer.namespaceLabels());
                    return namespace
                            && (candidate.getPodSelector() == null
                                    || matches(candidate.getPodSelector(), peer.labels()));
                });
    }

    private static boolean ports(List<NetworkPolicyPort> ports, Pod target, int port) {
        return ports.isEmpty()
                || ports.stream().anyMatch(allowed -> {
                    Object value =
                            allowed.getPort() == null ? null : allowed.getPort().getValue();
                    return value == null
                            || (value instanceof Number number && number.intValue() == port)
                            || (value instanceof String name
                                    && Integer.valueOf(port)
                                            .equals(target.ports().get(name)));
                });
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions())
                .as("only matchLabels are evaluated here")
                .isNullOrEmpty();
        return selector.getMatchLabels() == null
                || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
