package io.leadsuite.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One kustomization rendered by {@code kubectl kustomize} (the kustomize built into kubectl) and read into
 * fabric8's typed Kubernetes model. A field the model does not know (misspelt, misplaced, or of another
 * API version) lands in a class's additional properties; {@link #unknownFields()} lists each one.
 * Custom resources (Strimzi, MongoDB, KEDA, External Secrets) have no typed model here and stay
 * {@link GenericKubernetesResource}s, checked field by field by the tests.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String path;
    final List<HasMetadata> resources;

    private Manifests(String path, List<HasMetadata> resources) {
        this.path = path;
        this.resources = resources;
    }

    static Manifests render(String kustomization) {
        String yaml = kustomize(kustomization);
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new Manifests(kustomization, List.copyOf(resources));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(resource -> resource.getKind().equals(kind))
                .toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream()
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    ConfigMap configMap(String name) {
        return named(ConfigMap.class, name).orElseThrow(() -> new AssertionError(path + " has no ConfigMap " + name));
    }

    /** Each field of a typed resource that its model does not know, as kind/name: path.field. */
    List<String> unknownFields() {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata resource : resources) {
            if (!(resource instanceof GenericKubernetesResource)) {
                collectUnknown(
                        resource,
                        resource.getKind() + "/" + resource.getMetadata().getName() + ":",
                        unknown);
            }
        }
        return unknown;
    }

    private static void collectUnknown(Object node, String path, List<String> unknown) {
        if (node == null
                || node instanceof String
                || node instanceof Number
                || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown));
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectUnknown(element, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals("additionalProperties")) {
                    Map<?, ?> extra = (Map<?, ?>) read(field, node);
                    if (extra != null) {
                        extra.keySet().forEach(key -> unknown.add(path + "." + key));
                    }
                } else if (field.isAnnotationPresent(JsonProperty.class)) {
                    collectUnknown(
                            read(field, node),
                            path + "." + field.getAnnotation(JsonProperty.class).value(),
                            unknown);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String kustomize(String kustomization) {
        List<String> command = Arrays.asList(
                "kubectl", "kustomize", Repository.ROOT.resolve(kustomization).toString());
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("kubectl (with its built-in kustomize) is needed to render k8s/", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
