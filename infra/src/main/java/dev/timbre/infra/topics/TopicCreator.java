package dev.timbre.infra.topics;

import dev.timbre.infra.PlatformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes a cluster hold the catalogue's topics, idempotently: missing topics are created, existing ones
 * get the declared configs and are grown to the declared partition count (Kafka cannot shrink them;
 * that is reported, not failed on, since consumers still work).
 */
public final class TopicCreator {
    /** What happened to one topic. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final Consumer<String> log;
    private final Duration timeout;

    public TopicCreator(Consumer<String> log, Duration timeout) {
        this.log = log;
        this.timeout = timeout;
    }

    /** Connects to {@code bootstrapServers} with a short-lived admin client and applies {@code topics}. */
    public Map<String, Outcome> apply(String bootstrapServers, Collection<TopicSpec> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "timbre-topic-creator");
        try (Admin admin = Admin.create(props)) {
            return apply(admin, topics);
        } catch (PlatformException e) {
            throw new PlatformException("On Kafka at " + bootstrapServers + ": " + e.getMessage(), e.getCause());
        }
    }

    public Map<String, Outcome> apply(Admin admin, Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Outcome> outcomes = new HashMap<>();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                            .configs(spec.configs()));
                }
            }
            Map<String, KafkaFuture<Void>> created = missing.isEmpty()
                    ? Map.of() : admin.createTopics(missing).values();
            for (TopicSpec spec : topics) {
                if (created.containsKey(spec.name())) {
                    try {
                        created.get(spec.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        outcomes.put(spec.name(), Outcome.CREATED);
                        log.accept("created topic " + describe(spec));
                        continue;
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        // created concurrently by someone else: converge it like any existing topic
                    }
                }
                outcomes.put(spec.name(), convergeWhenKnown(admin, spec));
            }
            return outcomes;
        } catch (ExecutionException e) {
            throw new PlatformException("Creating topics failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PlatformException("Kafka did not answer within " + timeout + " while creating topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while creating topics", e);
        }
    }

    /** A topic just created (by us or anyone) may not be in the broker's metadata yet: retry briefly. */
    private Outcome convergeWhenKnown(Admin admin, TopicSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return converge(admin, spec);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private Outcome converge(Admin admin, TopicSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        boolean changed = false;
        TopicDescription description = admin.describeTopics(List.of(spec.name())).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(spec.name());
        int current = description.partitions().size();
        if (current < spec.partitions()) {
            admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions())))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.accept("topic " + spec.name() + ": partitions " + current + " -> " + spec.partitions());
            changed = true;
        } else if (current > spec.partitions()) {
            log.accept("topic " + spec.name() + " has " + current + " partitions, more than the declared "
                    + spec.partitions() + " (Kafka cannot shrink a topic; left as is)");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        var actual = admin.describeConfigs(List.of(resource)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
        List<AlterConfigOp> ops = new ArrayList<>();
        spec.configs().forEach((key, value) -> {
            ConfigEntry entry = actual.get(key);
            if (entry == null || !value.equals(entry.value())) {
                ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            }
        });
        if (!ops.isEmpty()) {
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.accept("topic " + spec.name() + ": set " + ops.stream().map(o -> o.configEntry().name() + "="
                    + o.configEntry().value()).toList());
            changed = true;
        }
        return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    private static String describe(TopicSpec spec) {
        return spec.name() + " (partitions " + spec.partitions() + ", replication " + spec.replicationFactor()
                + ", " + spec.configs() + ")";
    }
}
