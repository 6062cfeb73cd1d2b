package dev.timbre.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Timbre chart on disk, driven through the real helm binary (helm-java embeds helm as a native library,
 * so no helm installation and no cluster are needed).
 */
final class Chart {

    static final String RELEASE = "timbre";
    static final String NAMESPACE = "music";

    private Chart() {
    }

    /** The chart directory: passed by surefire, or resolved from the module directory when run from an IDE. */
    static Path dir() {
        String configured = System.getProperty("timbre.chart.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("timbre");
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            dir = Path.of("helm", "timbre");
        }
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("chart not found; set -Dtimbre.chart.dir (tried " + dir.toAbsolutePath() + ")");
        }
        return dir.toAbsolutePath();
    }

    static Path valuesFile(String name) {
        return dir().resolve(name);
    }

    static Helm helm() {
        return new Helm(dir());
    }

    /** Starts a render of the chart as release {@value #RELEASE} in namespace {@value #NAMESPACE}. */
    static Render render() {
        return new Render();
    }

    /** Builder over helm template: values files and --set overrides, in helm's precedence order. */
    static final class Render {
        private final Map<String, Object> sets = new LinkedHashMap<>();
        private final java.util.List<Path> valuesFiles = new java.util.ArrayList<>();

        Render values(Path file) {
            valuesFiles.add(file);
            return this;
        }

        Render set(String key, Object value) {
            sets.put(key, value);
            return this;
        }

        /** The raw multi-document YAML; helm errors (schema violations, fail calls) surface as IllegalStateException. */
        String yaml() {
            TemplateCommand template = helm().template().withName(RELEASE).withNamespace(NAMESPACE);
            valuesFiles.forEach(template::withValuesFile);
            sets.forEach(template::set);
            return template.call();
        }

        Manifests manifests() {
            return Manifests.parse(yaml());
        }
    }
}
