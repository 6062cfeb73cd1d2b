package dev.timbre.infra.topics;

import java.util.Map;

/**
 * One topic to create: its partitions (= the maximum parallelism of its consumers), replication and the
 * topic-level configs (cleanup.policy, retention.ms, ...).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("Topic " + name + ": replication must be >= 1, got " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }

    public TopicSpec withReplicationFactor(short replication) {
        return new TopicSpec(name, partitions, replication, configs);
    }

    /** The same topic as a {@code kafka-topics.sh --create} command line, for clusters managed by hand. */
    public String kafkaTopicsCommand(String bootstrap) {
        StringBuilder line = new StringBuilder("kafka-topics.sh --bootstrap-server ").append(bootstrap)
                .append(" --create --if-not-exists --topic ").append(name)
                .append(" --partitions ").append(partitions)
                .append(" --replication-factor ").append(replicationFactor);
        configs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> line.append(" --config ").append(e.getKey()).append('=').append(e.getValue()));
        return line.toString();
    }
}
