package dev.timbre.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional topic-creation Job must create exactly what infra/topics.yaml declares (the local platform's
 * source of truth), so the copy in values.yaml is checked against it here.
 */
class TopicsJobTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final long DEFAULT_DLQ_RETENTION_MS = 30L * 24 * 3600 * 1000;
    private static final Pattern CREATE = Pattern.compile("^\\s*create \"([^\"]+)\" (\\d+)((?: --config \"[^\"]+\")*)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern CONFIG = Pattern.compile("--config \"([^=]+)=([^\"]*)\"");

    record Topic(String name, int partitions, Map<String, String> config) {
    }

    @Test
    void valuesCarryTheSameTopicListAsInfra() throws IOException {
        JsonNode infra = YAML.readTree(topicsFile().toFile());
        JsonNode values = YAML.readTree(Chart.valuesFile("values.yaml").toFile()).get("topics");

        assertEquals(infra.get("topics"), values.get("list"),
                "helm/timbre/values.yaml topics.list differs from infra/topics.yaml: copy the topics over");
        JsonNode defaults = infra.path("defaults");
        assertEquals(defaults.path("partitions").asInt(1), values.path("defaults").path("partitions").asInt());
        assertEquals(defaults.path("dlqRetentionMs").asLong(DEFAULT_DLQ_RETENTION_MS), values.get("dlqRetentionMs").asLong());
        defaults.fieldNames().forEachRemaining(key -> assertTrue(
                Set.of("partitions", "replicationFactor", "dlqRetentionMs").contains(key),
                "infra/topics.yaml defaults." + key + " is not supported by the chart's topic Job yet"));
    }

    @Test
    void jobCreatesEveryTopicAndDeadLetterTopicWithItsSettings() throws IOException {
        Job job = Chart.render().set("topics.create", true).manifests().get(Job.class, "timbre-topics-r1");
        String script = String.join("\n", job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());

        List<Topic> created = new ArrayList<>();
        Matcher line = CREATE.matcher(script);
        while (line.find()) {
            Map<String, String> config = new TreeMap<>();
            Matcher setting = CONFIG.matcher(line.group(3));
            while (setting.find()) {
                config.put(setting.group(1), setting.group(2));
            }
            created.add(new Topic(line.group(1), Integer.parseInt(line.group(2)), config));
        }
        assertEquals(expectedFrom(YAML.readTree(topicsFile().toFile())), created);
        assertTrue(script.contains("--if-not-exists"), "re-running the Job must be harmless");
    }

    /** infra/topics.yaml's rules: defaults.partitions, retentionMs, cleanupPolicy (delete), dlq twins. */
    private static List<Topic> expectedFrom(JsonNode infra) {
        int defaultPartitions = infra.path("defaults").path("partitions").asInt(1);
        long dlqRetention = infra.path("defaults").path("dlqRetentionMs").asLong(DEFAULT_DLQ_RETENTION_MS);
        List<Topic> expected = new ArrayList<>();
        for (JsonNode topic : infra.get("topics")) {
            int partitions = topic.path("partitions").asInt(defaultPartitions);
            Map<String, String> config = new TreeMap<>();
            config.put("cleanup.policy", topic.path("cleanupPolicy").asText("delete"));
            if (topic.has("retentionMs")) {
                config.put("retention.ms", topic.get("retentionMs").asText());
            }
            topic.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            String name = topic.get("name").asText();
            expected.add(new Topic(name, partitions, config));
            if (topic.path("dlq").asBoolean(false)) {
                Map<String, String> dlq = new TreeMap<>(Map.of("cleanup.policy", "delete",
                        "retention.ms", String.valueOf(dlqRetention)));
                expected.add(new Topic(name + ".dlq", partitions, dlq));
            }
        }
        return expected;
    }

    private static Path topicsFile() {
        String configured = System.getProperty("timbre.topics.file");
        Path file = configured != null ? Path.of(configured) : Chart.dir().resolve("../../infra/topics.yaml").normalize();
        assertTrue(Files.isRegularFile(file), "infra topic list not found at " + file);
        return file;
    }
}
