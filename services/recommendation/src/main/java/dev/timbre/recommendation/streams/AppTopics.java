package dev.timbre.recommendation.streams;

import dev.timbre.recommendation.config.RecommendationConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
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

    /**
     * The admin client's share of the Streams properties: connection and security settings (bootstrap,
     * {@code security.protocol}, {@code sasl.*}, {@code ssl.*} ...), nothing it would warn about.
     */
    static Map<String, Object> adminConfig(Map<String, Object> clientConfig) {
        Map<String, Object> admin = new HashMap<>(clientConfig);
        admin.keySet().retainAll(AdminClientConfig.configNames());
        return admin;
    }

    static void ensure(RecommendationConfig config, Map<String, Object> clientConfig) {
        int rf = Integer.parseInt(String.valueOf(clientConfig.getOrDefault(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1)));
        Optional<Short> replication = rf > 0 ? Optional.of((short) rf) : Optional.empty();
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        List<NewTopic> topics = List.of(
                new NewTopic(config.catalogTopic(), Optional.of(config.appTopicPartitions()), replication).configs(compacted),
                new NewTopic(config.likeCountsTopic(), Optional.of(config.appTopicPartitions()), replication).configs(compacted));
        try (Admin admin = Admin.create(adminConfig(clientConfig))) {
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
