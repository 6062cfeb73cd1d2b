package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rendered manifests parsed into the fabric8 Kubernetes model, so that assertions read typed objects instead of
 * YAML text. Parsing is strict: a document of an unknown kind, or a field the model does not know (a typo or a
 * mis-indented key that the API server would reject or silently drop), fails the parse.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    static Manifests parse(String yaml) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (isBlank(document)) {
                continue;
            }
            HasMetadata resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
            if (resource == null) {
                continue;
            }
            if (resource instanceof GenericKubernetesResource) {
                throw new AssertionError("not a known Kubernetes kind: " + resource.getApiVersion() + "/" + resource.getKind());
            }
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
            if (!unknown.isEmpty()) {
                throw new AssertionError("fields unknown to the Kubernetes model: " + unknown);
            }
            parsed.add(resource);
        }
        return new Manifests(parsed);
    }

    private static boolean isBlank(String document) {
        return document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }

    /** Walks the model's getters; fabric8 keeps fields it cannot map in additionalProperties. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + getter, e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            collectUnknownFields(value, path + "." + field, unknown);
        }
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "no " + type.getSimpleName() + " named " + name + "; have " + names(type)));
    }

    <T extends HasMetadata> List<String> names(Class<T> type) {
        return all(type).stream().map(r -> r.getMetadata().getName()).collect(Collectors.toList());
    }

    /** Pod spec of the Deployment or StatefulSet running the given component. */
    PodSpec podSpec(String component) {
        String name = Chart.RELEASE + "-" + component;
        Optional<Deployment> deployment = find(Deployment.class, name);
        if (deployment.isPresent()) {
            return deployment.get().getSpec().getTemplate().getSpec();
        }
        return get(StatefulSet.class, name).getSpec().getTemplate().getSpec();
    }

    Container container(String component) {
        List<Container> containers = podSpec(component).getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(component + " should run exactly one container, has " + containers.size());
        }
        return containers.get(0);
    }

    /** The container's explicit env entries by name. */
    Map<String, EnvVar> env(String component) {
        return container(component).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b, java.util.LinkedHashMap::new));
    }
}
