package dev.timbre.infra.bench;

import dev.timbre.infra.LocalPlatform;
import dev.timbre.infra.PlatformOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code mvn -pl infra -am -Pbench -DskipTests verify}: how long the local platform takes to start and
 * stop, and what the single local broker carries (acks=all idempotent, the services' setting, against
 * acks=1 as baseline measured in the same run).
 */
public final class PlatformBench {
    private static final int STARTS = 3;
    private static final int RECORDS = 50_000;
    private static final int RECORD_BYTES = 1024;

    public static void main(String[] args) throws Exception {
        List<Double> starts = new ArrayList<>();
        List<Double> stops = new ArrayList<>();
        LocalPlatform platform = null;
        for (int i = 0; i < STARTS; i++) {
            Path dir = Files.createTempDirectory("timbre-bench");
            long t0 = System.nanoTime();
            platform = LocalPlatform.start(PlatformOptions.forTests(dir).withLog(m -> { }));
            starts.add(seconds(t0));
            if (i < STARTS - 1) {
                long t1 = System.nanoTime();
                platform.close();
                stops.add(seconds(t1));
            }
        }
        try {
            System.out.printf("start (broker + registry + %d topics): %s s, median %.1f s%n",
                    11, format(starts), median(starts));
            System.out.printf("stop: %s s%n", format(stops));
            produce(platform, "1", false); // warm-up: the broker JVM runs C1-compiled code only after this
            double baseline = produce(platform, "1", false);
            double durable = produce(platform, "all", true);
            System.out.printf("produce %d x %d B, acks=1:                %,.0f records/s (%.1f MB/s)%n",
                    RECORDS, RECORD_BYTES, baseline, baseline * RECORD_BYTES / 1e6);
            System.out.printf("produce %d x %d B, acks=all idempotent:   %,.0f records/s (%.1f MB/s), ratio %.2f%n",
                    RECORDS, RECORD_BYTES, durable, durable * RECORD_BYTES / 1e6, durable / baseline);
            System.out.printf("consume %d x %d B (incl. group join):     %,.0f records/s%n",
                    RECORDS, RECORD_BYTES, consume(platform));
        } finally {
            platform.close();
        }
    }

    private static String topic;

    private static double produce(LocalPlatform platform, String acks, boolean idempotent) throws Exception {
        topic = "bench." + UUID.randomUUID();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] value = new byte[RECORD_BYTES];
        Arrays.fill(value, (byte) 7);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, "warm-up", value)).get(); // metadata, topic auto-created
            long t0 = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "song-" + (i % 1000), value));
            }
            producer.flush();
            return RECORDS / seconds(t0);
        }
    }

    private static double consume(LocalPlatform platform) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long t0 = System.nanoTime();
            int seen = 0;
            while (seen < RECORDS + 1) {
                seen += consumer.poll(Duration.ofMillis(500)).count();
                if (seconds(t0) > 120) {
                    throw new IllegalStateException("consumed only " + seen + " records in 120 s");
                }
            }
            return seen / seconds(t0);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.1f", v)).toList().toString();
    }

    private PlatformBench() {
    }
}
