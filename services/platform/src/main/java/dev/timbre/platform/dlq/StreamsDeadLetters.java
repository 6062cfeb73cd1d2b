package dev.timbre.platform.dlq;

import dev.timbre.platform.kafka.KafkaConventions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What the two Streams handlers share: a {@link DeadLetters} built from the Streams config they are given (the
 * connection and registry settings, not the Streams-only ones), and a blocking publish so that CONTINUE is only
 * answered once the dead letter is safely written.
 */
final class StreamsDeadLetters {
    static final long PUBLISH_TIMEOUT_SECONDS = 30;
    private static final String[] PASSED_PREFIXES = {"schema.registry.", "basic.auth.", "security.", "sasl.", "ssl.",
            "client.dns.lookup", "auto.register.schemas", "use.latest.version", "value.subject.name.strategy",
            "key.subject.name.strategy", "max.schemas.per.subject", "http."};

    static DeadLetters fromStreamsConfig(Map<String, ?> configs) {
        Object service = configs.get(KafkaConventions.SERVICE_CONFIG);
        if (service == null) {
            service = configs.get("application.id");
        }
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, configs.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        configs.forEach((key, value) -> {
            for (String prefix : PASSED_PREFIXES) {
                if (key.startsWith(prefix)) {
                    client.put(key, value);
                }
            }
        });
        return DeadLetters.create(String.valueOf(service), client);
    }

    /** @return null when written, else the reason it could not be */
    static Exception publish(DeadLetters letters, dev.timbre.schema.dlq.DeadLetter letter) {
        try {
            letters.publish(letter).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (Exception e) {
            return e;
        }
    }

    private StreamsDeadLetters() {
    }
}
