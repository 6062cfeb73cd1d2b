package dev.timbre.platform.kafka;

import java.time.Duration;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a send can fail ends as one PublishException naming the topic. */
class AcksTest {

    private static final ProducerRecord<String, String> RECORD = new ProducerRecord<>("t", "k", "v");

    @Test
    void anAcknowledgedSendReturnsItsMetadata() {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(), new StringSerializer());
        RecordMetadata meta = Acks.sendAndAwait(producer, RECORD, Duration.ofSeconds(1));
        assertEquals("t", meta.topic());
        assertEquals(1, producer.history().size());
    }

    @Test
    void aRejectionCarriesTheBrokersError() {
        MockProducer<String, String> producer = new MockProducer<>(false, new StringSerializer(), new StringSerializer());
        Future<RecordMetadata> ack = Acks.send(producer, RECORD);
        producer.errorNext(new RecordTooLargeException("too big"));
        PublishException e = assertThrows(PublishException.class, () -> Acks.await(ack, "t", Duration.ofSeconds(1)));
        assertEquals("t", e.topic());
        assertInstanceOf(RecordTooLargeException.class, e.getCause());
    }

    @Test
    void noAcknowledgementInTimeIsAFailure() {
        MockProducer<String, String> producer = new MockProducer<>(false, new StringSerializer(), new StringSerializer());
        PublishException e = assertThrows(PublishException.class,
                () -> Acks.sendAndAwait(producer, RECORD, Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("no acknowledgement"), e.getMessage());
    }

    @Test
    void aSynchronousSendFailureIsAFailureToo() {
        MockProducer<String, String> producer = new MockProducer<>(true, new StringSerializer(), new StringSerializer());
        producer.close();
        PublishException e = assertThrows(PublishException.class,
                () -> Acks.sendAndAwait(producer, RECORD, Duration.ofSeconds(1)));
        assertEquals("t", e.topic());
    }
}
