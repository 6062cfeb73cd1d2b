package dev.timbre.recommendation.streams;

import dev.timbre.recommendation.config.RecommendationConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Creates the compacted topics this app writes and reads back as global stores (catalog, like
 * counts). Kafka Streams only creates its internal topics, and a global store's topic must exist
 * before the app starts.
 */
final class AppTopics {

    private AppTopics() {
    }

    static void ensure(RecommendationConfig config, Map<String, Object> clientConfig) {
        Optional<Short> replication = config.getReplicationFactor() > 0
                ? Optional.of((short) config.getReplicationFactor()) : Optional.empty();
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> topics = List.of(
                new NewTopic(config.catalogTopic(), Optional.of(config.getAppTopicPartitions()), replication).configs(compacted),
                new NewTopic(config.likeCountsTopic(), Optional.of(config.getAppTopicPartitions()), replication).configs(compacted));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
