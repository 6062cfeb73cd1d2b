package dev.timbre.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartLintTest {

    @Test
    void lintIsCleanInStrictMode() {
        LintResult result = Chart.helm().lint().strict().call();

        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        // strict mode fails on warnings; also keep the chart free of them (INFO, e.g. "icon is recommended", is fine)
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> "lint findings: " + result.getMessages());
    }

    @Test
    void helmBinaryIsTheEmbeddedOne() {
        String version = Helm.version().call();
        assertTrue(version.startsWith("v3."), "helm 3 expected, got " + version);
    }

    /** What `helm package` ships (after .helmignore) must render exactly like the chart directory. */
    @Test
    void packagedChartRendersLikeTheDirectory() throws IOException {
        Path destination = Files.createDirectories(Path.of("target", "helm-package")).toAbsolutePath();
        Chart.helm().packageIt().withDestination(destination).call();
        Path archive = destination.resolve("timbre-0.1.0.tgz");
        assertTrue(Files.isRegularFile(archive), "no " + archive);

        String fromArchive = new Helm(archive).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE)
                .withValuesFile(Chart.valuesFile("values-production.yaml")).call();
        String fromDirectory = Chart.render().values(Chart.valuesFile("values-production.yaml")).yaml();
        assertEquals(fromDirectory, fromArchive);
    }
}
