package dev.timbre.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

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
}
