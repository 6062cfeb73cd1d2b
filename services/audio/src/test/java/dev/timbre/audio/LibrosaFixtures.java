package dev.timbre.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the librosa reference fixtures: {@code <git root>/../shared/fixtures/librosa}, found by
 * walking up from the working directory to the folder holding {@code .git} (Maven runs tests in the
 * module directory, IDEs often in the repo root).
 */
public final class LibrosaFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LibrosaFixtures() {
    }

    public static Optional<Path> dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.exists(p.resolve(".git"))) {
                Path f = p.resolveSibling("shared").resolve("fixtures").resolve("librosa");
                return Files.isRegularFile(f.resolve("manifest.json")) ? Optional.of(f.normalize()) : Optional.empty();
            }
            p = p.getParent();
        }
        return Optional.empty();
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON {@code [rows][cols]} array as doubles. */
    public static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            JsonNode row = node.get(r);
            m[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                m[r][c] = row.get(c).asDouble();
            }
        }
        return m;
    }
}
