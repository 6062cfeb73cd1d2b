package dev.timbre.recommendation.taste;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON serde of {@link TasteState} for the taste store and its changelog. Internal state, not an
 * exchanged event, hence no Avro schema in the registry; unknown fields are ignored so that the
 * state can grow fields without a migration.
 */
public final class TasteStateSerde implements Serde<TasteState> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public Serializer<TasteState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new SerializationException("cannot write taste state", e);
            }
        };
    }

    @Override
    public Deserializer<TasteState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, TasteState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read taste state", e);
            }
        };
    }
}
