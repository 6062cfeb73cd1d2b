package dev.timbre.platform.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a registry-encoded value: magic byte {@code 0}, the schema id as a big-endian int32,
 * then the Avro binary body. Readers and writers of any Confluent-compatible client agree on these 5 bytes.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    /** Writes the 5-byte header into the start of {@code target}. */
    static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * The schema id of a framed payload.
     *
     * @throws SerializationException naming what is wrong when the payload is too short or its magic byte unknown
     */
    public static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Payload on topic '" + topic + "' is " + payload.length + " byte(s), too short for the"
                    + " Confluent wire format (needs at least " + HEADER_SIZE + ": magic byte + 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x on topic '%s' (expected 0x00): not written by a"
                    + " Confluent-compatible Avro serializer", payload[0] & 0xff, topic));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    private WireFormat() {
    }
}
