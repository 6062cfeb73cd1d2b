package dev.timbre.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|[^|]*\\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void readmeTableMatchesTheRenderedEnvironment() throws IOException {
        Map<String, Set<String>> documented = documented();
        assertTrue(documented.size() >= 10, "env table not found in README: " + documented);

        // defaults (dev mode, no credentials) + production (SASL, registry auth, API keys): every variable appears
        Map<String, Set<String>> rendered = new TreeMap<>();
        collect(Chart.render().manifests(), rendered);
        collect(Chart.render().values(Chart.valuesFile("values-production.yaml")).manifests(), rendered);

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

    private static Map<String, Set<String>> documented() throws IOException {
        String readme = Files.readString(readme());
        int start = readme.indexOf("## 5. Environment variables");
        assertTrue(start >= 0, "README lacks the '## 5. Environment variables' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);

        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            String setOn = row.group(2).strip();
            Set<String> components = setOn.equals("all") ? new TreeSet<>(DefaultValuesTest.ALL)
                    : new TreeSet<>(Arrays.stream(setOn.split(",")).map(String::strip).toList());
            assertTrue(DefaultValuesTest.ALL.containsAll(components), "unknown service in README row: " + setOn);
            documented.put(row.group(1), components);
        }
        return documented;
    }

    private static Path readme() {
        String configured = System.getProperty("timbre.helm.readme");
        Path file = configured != null ? Path.of(configured) : Chart.dir().resolveSibling("README.md");
        assertTrue(Files.isRegularFile(file), "README not found at " + file);
        return file;
    }
}
