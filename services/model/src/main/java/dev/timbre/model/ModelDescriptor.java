package dev.timbre.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code model.json} beside the SavedModel says: the genre labels in output order (the taxonomy comes
 * from the model, never from code), the feature recipe and input tensor the model was trained on, the
 * embedding size, and the names of the signature's tensors.
 */
public record ModelDescriptor(
        String modelVersion,
        String extractorVersion,
        List<String> genres,
        String inputName,
        String probabilitiesName,
        String embeddingName,
        List<Integer> inputShape,
        int embeddingSize) {

    public static final String FILE_NAME = "model.json";
    /** Input names of the two feature tensors a window carries. */
    public static final String INPUT_MFCC = "mfcc";
    public static final String INPUT_LOG_MEL = "logmel";

    public ModelDescriptor {
        genres = List.copyOf(genres);
        inputShape = List.copyOf(inputShape);
        if (genres.isEmpty()) {
            throw new InvalidModelException("model.json lists no genres");
        }
        if (!inputName.equals(INPUT_MFCC) && !inputName.equals(INPUT_LOG_MEL)) {
            throw new InvalidModelException("model.json input '" + inputName + "' is neither '" + INPUT_MFCC
                    + "' nor '" + INPUT_LOG_MEL + "'");
        }
    }

    /** Whether the model reads a window's log-mel ({@code [130, 128]}) rather than its MFCC ({@code [130, 13, 1]}). */
    public boolean readsLogMel() {
        return inputName.equals(INPUT_LOG_MEL);
    }

    /** Values per window the model reads. */
    public int inputLength() {
        return inputShape.stream().reduce(1, Math::multiplyExact);
    }

    public static ModelDescriptor read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode names = json.path("names");
        return new ModelDescriptor(
                required(json, "modelVersion", file),
                required(json, "extractorVersion", file),
                strings(json.path("genres"), file),
                text(names, "input", INPUT_MFCC),
                text(names, "probabilities", "probabilities"),
                text(names, "embedding", "embedding"),
                ints(json.path("inputShape"), List.of(130, 13, 1)),
                json.path("embeddingSize").asInt(64));
    }

    private static String required(JsonNode json, String field, Path file) {
        String value = json.path(field).asText("");
        if (value.isBlank()) {
            throw new InvalidModelException(file + " has no '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String fallback) {
        String value = node.path(field).asText("");
        return value.isBlank() ? fallback : value;
    }

    private static List<String> strings(JsonNode array, Path file) {
        if (!array.isArray()) {
            throw new InvalidModelException(file + " has no 'genres' array");
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Input shape per window without the batch axis; accepts it with a leading -1/null batch axis too. */
    private static List<Integer> ints(JsonNode array, List<Integer> fallback) {
        if (!array.isArray() || array.isEmpty()) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? -1 : n.asInt()));
        if (out.size() == 4 && out.get(0) <= 0) {
            out.remove(0);
        }
        return out;
    }
}
