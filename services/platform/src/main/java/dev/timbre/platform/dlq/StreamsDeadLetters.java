package dev.timbre.platform.dlq;

import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.schema.dlq.DeadLetter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What the Streams handlers share: a {@link DeadLetters} built from the Streams config they are given (only the
 * connection and registry settings), created on the first poison record so that an app that never sees one opens
 * no extra producer, and a blocking publish so that CONTINUE is only answered once the dead letter is written.
 */
final class StreamsDeadLetters {
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    private static final String[] PASSED_PREFIXES = {"schema.registry.", "basic.auth.", "security.", "sasl.", "ssl.",
            "client.dns.lookup", "auto.register.schemas", "use.latest.version", "value.subject.name.strategy",
            "key.subject.name.strategy", "max.schemas.per.subject", "http."};

    private final Map<String, Object> clientConfig;
    private final String service;
    private DeadLetters deadLetters;

    StreamsDeadLetters(DeadLetters given) {
        this.clientConfig = Map.of();
        this.service = given.service();
        this.deadLetters = given;
    }

    StreamsDeadLetters(Map<String, ?> streamsConfig) {
        Object name = streamsConfig.get(KafkaConventions.SERVICE_CONFIG);
        this.service = String.valueOf(name != null ? name : streamsConfig.get("application.id"));
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, streamsConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        streamsConfig.forEach((key, value) -> {
            for (String prefix : PASSED_PREFIXES) {
                if (key.startsWith(prefix)) {
                    client.put(key, value);
                }
            }
        });
        this.clientConfig = client;
    }

    private synchronized DeadLetters deadLetters() {
        if (deadLetters == null) {
            deadLetters = DeadLetters.create(service, clientConfig);
        }
        return deadLetters;
    }

    /** @return null when written, else why it could not be (including failing to create the producer) */
    Exception publish(Function<DeadLetters, DeadLetter> letter) {
        try {
            DeadLetters target = deadLetters();
            target.publishAndAwait(letter.apply(target), PUBLISH_TIMEOUT);
            return null;
        } catch (Exception e) {
            return e;
        }
    }
}
