package dev.timbre.platform.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.platform.registry.InMemorySchemaRegistry;
import dev.timbre.platform.registry.IncompatibleSchemaException;
import dev.timbre.platform.test.v1.Track;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {
    private static final String TOPIC = "songs.registered";
    private final String scope = "serde-" + UUID.randomUUID();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> config(Object... extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", "mock://" + scope);
        for (int i = 0; i < extra.length; i += 2) {
            config.put((String) extra[i], extra[i + 1]);
        }
        return config;
    }

    private static SongRegistered song() {
        return SongRegistered.newBuilder().setSongId("s-1").setTitle("So What").setArtist("Miles Davis")
                .setAudioUri("file:///blobs/ab/abcd.wav").setContentType("audio/wav").setSizeBytes(1234L)
                .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setSource(SongSource.UPLOAD).setAlbum(null).build();
    }

    private static Track track() {
        return Track.newBuilder().setId("t-1").setTitle("Blue in Green").setDurationSeconds(337.5)
                .setAddedAt(Instant.ofEpochMilli(1_600_000_000_000L)).build();
    }

    private static <T> Serializer<T> serializerByClassName(Map<String, Object> config, boolean isKey) throws Exception {
        @SuppressWarnings("unchecked")
        Serializer<T> serializer = (Serializer<T>) Class.forName("dev.timbre.platform.serde.SpecificAvroSerializer")
                .getDeclaredConstructor().newInstance();
        serializer.configure(config, isKey);
        return serializer;
    }

    private static <T> Deserializer<T> deserializerByClassName(Map<String, Object> config, boolean isKey) throws Exception {
        @SuppressWarnings("unchecked")
        Deserializer<T> deserializer = (Deserializer<T>) Class.forName("dev.timbre.platform.serde.SpecificAvroDeserializer")
                .getDeclaredConstructor().newInstance();
        deserializer.configure(config, isKey);
        return deserializer;
    }

    @Test
    void writesMagicByteBigEndianIdAndPlainAvroBody() throws Exception {
        Serializer<SongRegistered> serializer = serializerByClassName(config(), false);
        byte[] bytes = serializer.serialize(TOPIC, song());

        int id = registry.getLatest(TOPIC + "-value").id();
        assertEquals(0, bytes[0], "magic byte");
        assertArrayEquals(ByteBuffer.allocate(4).putInt(id).array(), Arrays.copyOfRange(bytes, 1, 5), "big-endian schema id");

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<>(SongRegistered.class).write(song(), encoder);
        encoder.flush();
        assertArrayEquals(body.toByteArray(), Arrays.copyOfRange(bytes, 5, bytes.length), "Avro binary body");
    }

    @Test
    void schemaIdIsWrittenBigEndianEvenWhenItNeedsSeveralBytes() {
        for (int i = 0; i < 300; i++) {
            // Fill the registry so the id of our schema is above 255.
            registry.register("filler-" + i, org.apache.avro.SchemaBuilder.record("F" + i).fields().requiredInt("x").endRecord());
        }
        byte[] bytes = new SpecificAvroSerializer<SongRegistered>(registry, config(), false).serialize(TOPIC, song());
        assertEquals(301, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(0x01, bytes[3]);
        assertEquals(0x2d, bytes[4]);
    }

    @Test
    void roundTripsSpecificRecordsWithLogicalTypesAndEnums() throws Exception {
        byte[] bytes = serializerByClassName(config(), false).serialize(TOPIC, song());
        Deserializer<SongRegistered> deserializer = deserializerByClassName(config(), false);
        SongRegistered back = deserializer.deserialize(TOPIC, bytes);
        assertEquals(song(), back);
        assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), back.getReceivedAt());
    }

    @Test
    void tombstonesStayNull() throws Exception {
        assertNull(serializerByClassName(config(), false).serialize(TOPIC, null));
        assertNull(deserializerByClassName(config(), false).deserialize(TOPIC, null));
    }

    @Test
    void rejectsWrongMagicByteSayingSo() throws Exception {
        byte[] bytes = serializerByClassName(config(), false).serialize(TOPIC, song());
        bytes[0] = 1;
        Deserializer<SongRegistered> deserializer = deserializerByClassName(config(), false);
        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, bytes));
        assertTrue(e.getMessage().contains("magic byte 0x01"), e.getMessage());
    }

    @Test
    void rejectsPayloadsTooShortForTheHeader() throws Exception {
        Deserializer<SongRegistered> deserializer = deserializerByClassName(config(), false);
        for (byte[] payload : new byte[][] {{}, {0}, {0, 0, 0, 1}}) {
            SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, payload));
            assertTrue(e.getMessage().contains("too short"), e.getMessage());
        }
    }

    @Test
    void rejectsTruncatedBody() throws Exception {
        byte[] bytes = serializerByClassName(config(), false).serialize(TOPIC, song());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        Deserializer<SongRegistered> deserializer = deserializerByClassName(config(), false);
        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, truncated));
        assertTrue(e.getMessage().contains("Could not decode"), e.getMessage());
    }

    @Test
    void rejectsUnknownSchemaId() throws Exception {
        byte[] payload = ByteBuffer.allocate(6).put((byte) 0).putInt(4242).put((byte) 2).array();
        Deserializer<SongRegistered> deserializer = deserializerByClassName(config(), false);
        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, payload));
        assertTrue(e.getMessage().contains("schema id 4242"), e.getMessage());
    }

    @Test
    void withoutAutoRegisterLooksTheIdUpAndExplainsWhenMissing() throws Exception {
        Serializer<SongRegistered> serializer = serializerByClassName(config("auto.register.schemas", "false"), false);
        SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize(TOPIC, song()));
        assertTrue(e.getMessage().contains("auto.register.schemas=false"), e.getMessage());
        assertTrue(registry.subjects().isEmpty(), "nothing registered");

        int id = registry.register(TOPIC + "-value", SongRegistered.getClassSchema());
        assertEquals(id, ByteBuffer.wrap(serializer.serialize(TOPIC, song()), 1, 4).getInt());
    }

    @Test
    void keysUseTheKeySubject() {
        new SpecificAvroSerializer<Track>(registry, config(), true).serialize("tracks", track());
        assertEquals(java.util.List.of("tracks-key"), registry.subjects());
    }

    @Test
    void recordNameStrategyFromConfluentClassName() {
        Map<String, Object> config = config("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        new SpecificAvroSerializer<Track>(registry, config, false).serialize("tracks", track());
        assertEquals(java.util.List.of("dev.timbre.platform.test.v1.Track"), registry.subjects());
    }

    @Test
    void oldReaderReadsNewerWriterAndNewReaderFillsDefaults() {
        dev.timbre.platform.test.v2.Track v2 = dev.timbre.platform.test.v2.Track.newBuilder().setId("t-2").setTitle("Flamenco Sketches")
                .setDurationSeconds(566).setAddedAt(Instant.ofEpochMilli(5)).setGenre("jazz").setPlays(7).build();
        SpecificAvroSerializer<org.apache.avro.specific.SpecificRecord> serializer = new SpecificAvroSerializer<>(registry, config(), false);
        byte[] oldBytes = serializer.serialize("tracks", track());
        byte[] newBytes = serializer.serialize("tracks", v2);
        assertEquals(2, registry.getLatest("tracks-value").version(), "v2 accepted as a BACKWARD-compatible new version");

        Track old = new SpecificAvroDeserializer<>(registry, Track.class).deserialize("tracks", newBytes);
        assertEquals("Flamenco Sketches", old.getTitle());
        assertEquals(Instant.ofEpochMilli(5), old.getAddedAt());

        dev.timbre.platform.test.v2.Track upgraded = new SpecificAvroDeserializer<>(registry, dev.timbre.platform.test.v2.Track.class)
                .deserialize("tracks", oldBytes);
        assertEquals("Blue in Green", upgraded.getTitle());
        assertNull(upgraded.getGenre());
        assertEquals(0L, upgraded.getPlays());
    }

    @Test
    void targetTypeFromConfigOrFromWriterSchemaName() throws Exception {
        byte[] bytes = new SpecificAvroSerializer<Track>(registry, config(), false).serialize("tracks", track());
        Deserializer<Object> byName = deserializerByClassName(config(), false);
        assertInstanceOf(Track.class, byName.deserialize("tracks", bytes));
        Deserializer<Object> configured = deserializerByClassName(config("specific.avro.value.type", dev.timbre.platform.test.v2.Track.class.getName()), false);
        assertInstanceOf(dev.timbre.platform.test.v2.Track.class, configured.deserialize("tracks", bytes));
    }

    @Test
    void incompatibleSchemaIsRefusedWithTheRegistryReason() {
        SpecificAvroSerializer<org.apache.avro.specific.SpecificRecord> serializer = new SpecificAvroSerializer<>(registry, config(), false);
        serializer.serialize("tracks", track());
        dev.timbre.platform.test.v3.Track v3 = dev.timbre.platform.test.v3.Track.newBuilder().setId("x").setTitle("y")
                .setDurationSeconds(1).setAddedAt(Instant.EPOCH).setBpm(120).build();
        SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("tracks", v3));
        assertInstanceOf(IncompatibleSchemaException.class, e.getCause());
        assertTrue(e.getMessage().contains("tracks-value"), e.getMessage());
    }

    @Test
    void readerThatCannotReadTheWriterIsExplained() {
        dev.timbre.platform.test.v3.Track v3 = dev.timbre.platform.test.v3.Track.newBuilder().setId("x").setTitle("y")
                .setDurationSeconds(1).setAddedAt(Instant.EPOCH).setBpm(120).build();
        byte[] oldBytes = new SpecificAvroSerializer<Track>(registry, config(), false).serialize("tracks", track());
        SerializationException e = assertThrows(SerializationException.class,
                () -> new SpecificAvroDeserializer<>(registry, dev.timbre.platform.test.v3.Track.class).deserialize("tracks", oldBytes));
        assertTrue(e.getMessage().contains("bpm"), e.getMessage());
        assertEquals(v3.getBpm(), 120);
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndItsId() {
        int latestId = registry.register("tracks-value", Track.getClassSchema());
        int v2Id = registry.register("tracks-value", dev.timbre.platform.test.v2.Track.getClassSchema());
        byte[] bytes = new SpecificAvroSerializer<Track>(registry, config("use.latest.version", "true", "auto.register.schemas", "false"), false)
                .serialize("tracks", track());
        assertEquals(v2Id, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertTrue(v2Id != latestId);
        dev.timbre.platform.test.v2.Track read = new SpecificAvroDeserializer<>(registry, dev.timbre.platform.test.v2.Track.class)
                .deserialize("tracks", bytes);
        assertEquals("Blue in Green", read.getTitle());
        assertEquals(0L, read.getPlays());
        assertEquals(track(), new SpecificAvroDeserializer<>(registry, Track.class).deserialize("tracks", bytes));
    }

    @Test
    void serdeByClassNameSharesConfiguration() throws Exception {
        @SuppressWarnings("unchecked")
        SpecificAvroSerde<SongRegistered> serde = (SpecificAvroSerde<SongRegistered>) Class.forName(SpecificAvroSerde.class.getName())
                .getDeclaredConstructor().newInstance();
        serde.configure(config(), false);
        assertEquals(song(), serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, song())));
        assertEquals(java.util.List.of(TOPIC + "-value"), registry.subjects());
    }

    @Test
    void unconfiguredSerializerSaysSo() {
        SerializationException e = assertThrows(SerializationException.class, () -> new SpecificAvroSerializer<Track>().serialize("t", track()));
        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    }

    @Test
    void missingRegistryUrlIsAConfigError() {
        assertThrows(org.apache.kafka.common.config.ConfigException.class,
                () -> new SpecificAvroSerializer<Track>().configure(Map.of(), false));
    }
}
