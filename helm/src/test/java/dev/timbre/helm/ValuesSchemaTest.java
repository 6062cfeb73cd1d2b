package dev.timbre.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * values.schema.json rejects bad values before anything is rendered. Each file under invalid-values/ breaks one
 * rule and names, in its first line ({@code # expect: <text>}), a text the error must contain.
 */
class ValuesSchemaTest {

    private static final String SCHEMA_ERROR = "values don't meet the specifications of the schema";

    static Stream<Path> invalidValuesFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(ValuesSchemaTest.class.getResource("/invalid-values").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(list.size() >= 10, "invalid-values/ lost its files");
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValuesFiles")
    void invalidValuesAreRejectedBySchema(Path file) throws IOException {
        String firstLine = Files.readAllLines(file).get(0);
        assertTrue(firstLine.startsWith("# expect: "), file + " must start with '# expect: <text>'");
        String expected = firstLine.substring("# expect: ".length()).strip();

        RuntimeException error = assertThrows(RuntimeException.class, () -> Chart.render().values(file).yaml(),
                file.getFileName() + " was accepted");
        String message = String.valueOf(error.getMessage());
        assertTrue(message.contains(SCHEMA_ERROR), "not a schema violation: " + message);
        assertTrue(message.contains(expected), "error does not mention '" + expected + "': " + message);
    }

    @Test
    void shippedValuesFilesAreValid() {
        assertDoesNotThrow(() -> Chart.render().yaml());
        assertDoesNotThrow(() -> Chart.render().values(Chart.valuesFile("values-production.yaml")).yaml());
    }

    @Test
    void saslCredentialsMayComeFromAnExistingSecretInstead() {
        assertDoesNotThrow(() -> Chart.render()
                .set("kafka.securityProtocol", "SASL_SSL")
                .set("kafka.sasl.mechanism", "PLAIN")
                .set("kafka.sasl.existingSecret", "kafka-creds")
                .yaml());
    }

    @Test
    void autoscalerBoundsAreChecked() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> Chart.render()
                .set("classification.autoscaling.minReplicas", 4)
                .set("classification.autoscaling.maxReplicas", 2)
                .yaml());
        assertTrue(error.getMessage().contains("classification.autoscaling.minReplicas must not exceed maxReplicas"),
                error.getMessage());
    }

    @Test
    void schemaIsPartOfTheChart() throws IOException {
        String schema = Files.readString(Chart.dir().resolve("values.schema.json"));
        assertEquals('{', schema.strip().charAt(0));
        assertTrue(schema.contains("\"additionalProperties\": false"), "the schema must reject unknown keys");
    }
}
