package dev.timbre.platform.dlq;

import dev.timbre.platform.kafka.Acks;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Keeps records a service could not process: builds a {@link DeadLetter} with the {@link DeadLetterFactory} and
 * publishes it to {@code <topic>.dlq} with the original key. Consume with {@code ByteArrayDeserializer} (or catch
 * {@link RecordDeserializationException}) so the raw bytes are still there when something goes wrong. Services get
 * one from {@code KafkaClients.deadLetters()}.
 */
public final class DeadLetters implements AutoCloseable {
    /** Longer reasons are cut: a DLQ entry is for an operator, not a log dump. */
    static final int MAX_REASON = DeadLetterFactory.MAX_REASON;

    private final Producer<byte[], DeadLetter> producer;
    private final DeadLetterFactory factory;
    private final boolean ownsProducer;

    /** Publishes through the caller's producer (not closed by {@link #close}). */
    public DeadLetters(Producer<byte[], DeadLetter> producer, String service, Clock clock) {
        this(producer, new DeadLetterFactory(service, clock), false);
    }

    /**
     * @param ownsProducer whether {@link #close} closes the producer
     */
    public DeadLetters(Producer<byte[], DeadLetter> producer, DeadLetterFactory factory, boolean ownsProducer) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.ownsProducer = ownsProducer;
    }

    /**
     * A publisher with its own producer (Timbre's producer conventions, byte[] keys, Avro values), from a flat client
     * config; what the Streams handlers use, which only get the Streams properties. Services use
     * {@code KafkaClients.deadLetters()}.
     *
     * @param clientConfig at least {@code bootstrap.servers} and {@code schema.registry.url}; security settings too
     */
    public static DeadLetters create(String service, Map<String, ?> clientConfig) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        Object registryUrl = clientConfig.get("schema.registry.url");
        props.putAll(KafkaConventions.producer(service, String.valueOf(clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)),
                registryUrl == null ? null : registryUrl.toString()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        return new DeadLetters(new KafkaProducer<>(props), new DeadLetterFactory(service, Clock.systemUTC()), true);
    }

    public String service() {
        return factory.service();
    }

    /** The builder this publisher uses. */
    public DeadLetterFactory factory() {
        return factory;
    }

    /** See {@link DeadLetterFactory#of(ConsumerRecord, String, Throwable)}. */
    public DeadLetter of(ConsumerRecord<?, ?> record, String reason, Throwable error) {
        return factory.of(record, reason, error);
    }

    /** See {@link DeadLetterFactory#of(RecordDeserializationException)}. */
    public DeadLetter of(RecordDeserializationException failure) {
        return factory.of(failure);
    }

    public DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String reason, Throwable error) {
        return factory.of(topic, partition, offset, key, value, reason, error);
    }

    public Future<RecordMetadata> publish(ConsumerRecord<?, ?> record, String reason, Throwable error) {
        return publish(of(record, reason, error));
    }

    public Future<RecordMetadata> publish(RecordDeserializationException failure) {
        return publish(of(failure));
    }

    /** Sends to {@code <sourceTopic>.dlq}, keyed by the original key bytes. */
    public Future<RecordMetadata> publish(DeadLetter letter) {
        return producer.send(record(letter));
    }

    /**
     * Publishes and waits for the acknowledgement, so the input may be committed once this returns.
     *
     * @throws dev.timbre.platform.kafka.PublishException when it could not be written in time
     */
    public RecordMetadata publishAndAwait(ConsumerRecord<?, ?> record, String reason, Throwable error, Duration timeout) {
        return publishAndAwait(of(record, reason, error), timeout);
    }

    /** See {@link #publishAndAwait(ConsumerRecord, String, Throwable, Duration)}. */
    public RecordMetadata publishAndAwait(DeadLetter letter, Duration timeout) {
        return Acks.sendAndAwait(producer, record(letter), timeout);
    }

    private static ProducerRecord<byte[], DeadLetter> record(DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : DeadLetterFactory.bytes(letter.getKey().duplicate());
        return new ProducerRecord<>(Topics.deadLetterOf(letter.getSourceTopic()), key, letter);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close();
        }
    }

    static String messageOf(Throwable error) {
        return DeadLetterFactory.messageOf(error);
    }
}
