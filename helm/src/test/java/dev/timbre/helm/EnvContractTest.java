package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * helm/README.md lists the environment variables the chart sets; service authors code against that table, so
 * it must match the rendered manifests exactly: same names, set on the same services.
 */
class EnvContractTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|([^|]*)\\| ([^|]+) \\|", Pattern.MULTILINE);
    /** A Micronaut property name in the README's property column, e.g. `kafka.sasl.jaas.config`. */
    private static final Pattern PROPERTY = Pattern.compile("`([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)`");
    private static final Pattern K8S_REFERENCE = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");

    record Row(String variable, String property, Set<String> setOn) {
    }

    @Test
    void readmeTableMatchesTheRenderedEnvironment() throws IOException {
        Map<String, Set<String>> documented = documented();
        assertTrue(documented.size() >= 10, "env table not found in README: " + documented);

        // defaults (dev mode, no credentials) + production (SASL, registry auth, API keys) + the S3 blob store
        // (bucket, endpoint, keys from a Secret): every variable appears
        Map<String, Set<String>> rendered = new TreeMap<>();
        collect(Chart.render().manifests(), rendered);
        collect(Chart.render().values(Chart.valuesFile("values-production.yaml")).manifests(), rendered);
        collect(Chart.render().values(Chart.valuesFile("values-s3.yaml")).manifests(), rendered);

        assertEquals(documented, rendered, "helm/README.md section 5 is out of date (name -> services)");
    }

    private static void collect(Manifests manifests, Map<String, Set<String>> into) {
        Set<String> shared = manifests.get(ConfigMap.class, "timbre-kafka").getData().keySet();
        for (String component : DefaultValuesTest.ALL) {
            for (EnvVar env : manifests.container(component).getEnv()) {
                into.computeIfAbsent(env.getName(), k -> new TreeSet<>()).add(component);
            }
            assertFalse(manifests.container(component).getEnvFrom().isEmpty(), component + " reads the ConfigMap");
            shared.forEach(name -> into.computeIfAbsent(name, k -> new TreeSet<>()).add(component));
        }
    }

    /**
     * Each documented property is what a service reads: feed the container's env (as Kubernetes would expand
     * it) to Micronaut as environment variables and look the property up.
     */
    @Test
    void documentedPropertiesResolveToTheRenderedValues() throws IOException {
        List<Row> rows = rows();
        int checked = 0;
        for (Manifests manifests : List.of(Chart.render().manifests(),
                Chart.render().values(Chart.valuesFile("values-production.yaml")).manifests(),
                Chart.render().values(Chart.valuesFile("values-s3.yaml")).manifests())) {
            Map<String, String> shared = manifests.get(ConfigMap.class, "timbre-kafka").getData();
            for (String component : DefaultValuesTest.ALL) {
                Map<String, String> env = new LinkedHashMap<>(shared);
                for (EnvVar var : manifests.container(component).getEnv()) {
                    env.put(var.getName(), var.getValue() != null ? expand(var.getValue(), env) : placeholder(var.getValueFrom()));
                }
                try (ApplicationContext context = ApplicationContext.builder()
                        .deduceEnvironment(false)
                        .environmentPropertySource(false)
                        .propertySources(PropertySource.of("k8s-env", new LinkedHashMap<>(env),
                                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                        .start()) {
                    for (Row row : rows) {
                        if (row.property() == null || !env.containsKey(row.variable())) {
                            continue;
                        }
                        assertEquals(env.get(row.variable()),
                                context.getProperty(row.property(), String.class).orElse(null),
                                component + ": " + row.variable() + " should set " + row.property());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 50, "too few properties checked: " + checked);
    }

    /** Kubernetes expands $(VAR) from variables defined before it in the same container. */
    private static String expand(String value, Map<String, String> earlier) {
        Matcher ref = K8S_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            ref.appendReplacement(out, Matcher.quoteReplacement(earlier.getOrDefault(ref.group(1), ref.group())));
        }
        return ref.appendTail(out).toString();
    }

    private static String placeholder(EnvVarSource source) {
        if (source.getFieldRef() != null) {
            return source.getFieldRef().getFieldPath().equals("metadata.name") ? "timbre-recommendation-0" : "field-value";
        }
        return "secret:" + source.getSecretKeyRef().getName() + "/" + source.getSecretKeyRef().getKey();
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new java.util.ArrayList<>();
        Matcher row = ROW.matcher(envSection());
        while (row.find()) {
            Matcher property = PROPERTY.matcher(row.group(2));
            rows.add(new Row(row.group(1), property.find() ? property.group(1) : null, setOn(row.group(3))));
        }
        return rows;
    }

    private static Set<String> setOn(String column) {
        String setOn = column.strip();
        Set<String> components = setOn.equals("all") ? new TreeSet<>(DefaultValuesTest.ALL)
                : new TreeSet<>(Arrays.stream(setOn.split(",")).map(String::strip).toList());
        assertTrue(DefaultValuesTest.ALL.containsAll(components), "unknown service in README row: " + setOn);
        return components;
    }

    private static String envSection() throws IOException {
        String readme = Files.readString(readme());
        int start = readme.indexOf("## 5. Environment variables");
        assertTrue(start >= 0, "README lacks the '## 5. Environment variables' section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static Map<String, Set<String>> documented() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        rows().forEach(row -> documented.put(row.variable(), row.setOn()));
        return documented;
    }

    private static Path readme() {
        String configured = System.getProperty("timbre.helm.readme");
        Path file = configured != null ? Path.of(configured) : Chart.dir().resolveSibling("README.md");
        assertTrue(Files.isRegularFile(file), "README not found at " + file);
        return file;
    }
}
