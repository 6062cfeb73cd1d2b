package dev.timbre.features.consume;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.blob.BlobReader;
import dev.timbre.features.extract.FeatureExtractor;
import dev.timbre.features.publish.DeadLetterPublisher;
import dev.timbre.features.publish.FeaturePublisher;
import dev.timbre.platform.kafka.PublishException;
import dev.timbre.platform.dlq.DeadLetters;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One record through the real analyzer and real Avro serde; Kafka replaced by {@link MockProducer}s. */
class SongProcessorTest {
    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://song-processor-test", "specific.avro.reader", true);

    @TempDir
    Path dir;
    private MockProducer<String, SpecificRecord> outputs;
    private MockProducer<byte[], DeadLetter> dlq;
    private SongProcessor processor;
    private final SpecificAvroSerializer<SongRegistered> songs = new SpecificAvroSerializer<>();

    @BeforeEach
    void setUp() {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(SERDE, false);
        SpecificAvroSerializer<DeadLetter> letters = new SpecificAvroSerializer<>();
        letters.configure(SERDE, false);
        songs.configure(SERDE, false);
        outputs = new MockProducer<>(true, new StringSerializer(), values);
        dlq = new MockProducer<>(true, new ByteArraySerializer(), letters);
        SpecificAvroDeserializer<SongRegistered> reader = new SpecificAvroDeserializer<>();
        reader.configure(SERDE, false);
        processor = new SongProcessor(reader, new BlobReader(null), new FeatureExtractor(),
                new FeaturePublisher(outputs, Duration.ofSeconds(5)),
                new DeadLetterPublisher(new DeadLetters(dlq, FeaturePublisher.SERVICE, Clock.systemUTC()), Duration.ofSeconds(5)));
    }

    private ConsumerRecord<String, byte[]> record(String songId, Path audio, long offset) {
        SongRegistered song = SongRegistered.newBuilder()
                .setSongId(songId).setTitle("t").setArtist("a")
                .setAudioUri(audio.toUri().toString()).setContentType("audio/wav")
                .setSizeBytes(1).setReceivedAt(Instant.now()).build();
        return new ConsumerRecord<>(Topics.SONGS_REGISTERED, 0, offset, songId, songs.serialize(Topics.SONGS_REGISTERED, song));
    }

    @Test
    void aGoodSongYieldsOneRecordPerWindowThenFeaturesStatus() throws Exception {
        Path wav = dir.resolve("jazz.wav");
        WavWriter.write(wav, SyntheticGenres.render("jazz", 7, 9.5), SyntheticGenres.SAMPLE_RATE);

        processor.process(record("song-1", wav, 0));

        List<ProducerRecord<String, SpecificRecord>> sent = outputs.history();
        assertEquals(4, sent.size(), "9.5 s = 3 windows of 3 s, then one status");
        for (int i = 0; i < 3; i++) {
            assertEquals(Topics.AUDIO_FEATURES, sent.get(i).topic());
            assertEquals("song-1", sent.get(i).key());
            WindowFeatures w = (WindowFeatures) sent.get(i).value();
            assertEquals(i, w.getWindowIndex());
            assertEquals(3, w.getWindowCount());
            assertEquals(List.of(130, 13, 1), w.getMfccShape());
            assertEquals(130 * 13, w.getMfcc().size());
            assertEquals(List.of(130, 128), w.getLogMelShape());
            assertEquals(130 * 128, w.getLogMel().size());
            assertEquals("librosa-compat-1", w.getExtractorVersion());
            assertEquals(3.0 * i, w.getWindowStartSeconds(), 1e-6);
            assertTrue(w.getMfcc().stream().allMatch(Float::isFinite));
        }
        SongStatus status = (SongStatus) sent.get(3).value();
        assertEquals(Topics.SONG_STATUS, sent.get(3).topic());
        assertEquals(SongStage.FEATURES, status.getStage());
        assertEquals("3 windows", status.getDetail());
        assertTrue(dlq.history().isEmpty());
    }

    @Test
    void processingIsDeterministicSoReplaysReEmitTheSameTensors() throws Exception {
        Path wav = dir.resolve("rock.wav");
        WavWriter.write(wav, SyntheticGenres.render("rock", 3, 3.5), SyntheticGenres.SAMPLE_RATE);
        processor.process(record("s", wav, 0));
        processor.process(record("s", wav, 0));
        WindowFeatures first = (WindowFeatures) outputs.history().get(0).value();
        WindowFeatures replay = (WindowFeatures) outputs.history().get(2).value();
        assertEquals(first.getMfcc(), replay.getMfcc());
        assertEquals(first.getLogMel(), replay.getLogMel());
    }

    @Test
    void corruptAudioIsDeadLetteredWithTheReasonAndReportedFailed() throws Exception {
        Path corrupt = Files.write(dir.resolve("corrupt.wav"), "RIFF\u0010\u0000\u0000\u0000WAVEfmt garbage that is not audio".getBytes());
        ConsumerRecord<String, byte[]> input = record("bad-1", corrupt, 42);

        processor.process(input);

        assertEquals(1, dlq.history().size());
        ProducerRecord<byte[], DeadLetter> letter = dlq.history().get(0);
        assertEquals(Topics.deadLetterOf(Topics.SONGS_REGISTERED), letter.topic());
        assertEquals(42, letter.value().getOffset());
        assertEquals(FeaturePublisher.SERVICE, letter.value().getService());
        assertArrayEquals(input.value(), letter.value().getValue().array(), "original bytes kept");
        String reason = letter.value().getReason();
        assertTrue(reason.startsWith("CORRUPT") || reason.startsWith("TRUNCATED") || reason.startsWith("UNSUPPORTED"), reason);

        assertEquals(1, outputs.history().size());
        SongStatus status = (SongStatus) outputs.history().get(0).value();
        assertEquals(SongStage.FAILED, status.getStage());
        assertEquals(reason, status.getDetail());
    }

    @Test
    void aValidHeaderFollowedByGarbageIsRejectedNotDecodedAsNoise() throws Exception {
        byte[] good = WavWriter.toBytes(SyntheticGenres.render("reggae", 5, 6.0), SyntheticGenres.SAMPLE_RATE);
        byte[] corrupt = java.util.Arrays.copyOf(good, 4096);
        for (int i = 12; i < corrupt.length; i++) {
            corrupt[i] = (byte) (i * 31 + 7);
        }
        processor.process(record("garbled", Files.write(dir.resolve("garbled.wav"), corrupt), 7));
        assertEquals(1, dlq.history().size());
        assertEquals(SongStage.FAILED, ((SongStatus) outputs.history().get(0).value()).getStage());
    }

    @Test
    void missingTooShortAndUndecodableRecordsAreDeadLettered() throws Exception {
        processor.process(record("missing", dir.resolve("nope.wav"), 1));
        Path blip = dir.resolve("blip.wav");
        WavWriter.write(blip, new float[5_000], SyntheticGenres.SAMPLE_RATE);
        processor.process(record("short", blip, 2));
        processor.process(new ConsumerRecord<>(Topics.SONGS_REGISTERED, 0, 3, "junk", new byte[]{0, 1, 2}));

        assertEquals(3, dlq.history().size());
        assertTrue(dlq.history().get(0).value().getReason().contains("not found"));
        assertTrue(dlq.history().get(1).value().getReason().startsWith("TOO_SHORT"), dlq.history().get(1).value().getReason());
        assertTrue(dlq.history().get(2).value().getReason().contains("undecodable"));
        List<SongStage> stages = outputs.history().stream().map(r -> ((SongStatus) r.value()).getStage()).toList();
        assertEquals(List.of(SongStage.FAILED, SongStage.FAILED, SongStage.FAILED), stages);
    }

    @Test
    void anUnacknowledgedOutputIsNotSwallowed() throws Exception {
        Path wav = dir.resolve("pop.wav");
        WavWriter.write(wav, SyntheticGenres.render("pop", 1, 3.2), SyntheticGenres.SAMPLE_RATE);
        outputs.sendException = new TimeoutException("broker down");
        assertThrows(PublishException.class, () -> processor.process(record("p", wav, 0)));
    }

    @Test
    void anUnusableBlobStoreIsRetriedNotDeadLettered() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        dev.timbre.blob.s3.S3Settings nowhere = dev.timbre.blob.s3.S3Settings.of("audio")
                .withEndpoint(java.net.URI.create("http://127.0.0.1:" + port), true)
                .withCredentials("key", "secret").withMaxAttempts(1);
        SpecificAvroDeserializer<SongRegistered> reader = new SpecificAvroDeserializer<>();
        reader.configure(SERDE, false);
        try (dev.timbre.blob.s3.S3BlobStore store = new dev.timbre.blob.s3.S3BlobStore(nowhere)) {
            SongProcessor s3Processor = new SongProcessor(reader, new BlobReader(store), new FeatureExtractor(),
                    new FeaturePublisher(outputs, Duration.ofSeconds(5)),
                    new DeadLetterPublisher(new DeadLetters(dlq, FeaturePublisher.SERVICE, Clock.systemUTC()), Duration.ofSeconds(5)));
            SongRegistered song = SongRegistered.newBuilder().setSongId("s3-song").setTitle("t").setArtist("a")
                    .setAudioUri("s3://audio/songs/s3/s3-song").setContentType("audio/wav")
                    .setSizeBytes(1).setReceivedAt(Instant.now()).build();
            var record = new ConsumerRecord<>(Topics.SONGS_REGISTERED, 0, 0L, "s3-song", songs.serialize(Topics.SONGS_REGISTERED, song));
            dev.timbre.blob.BlobStoreException e = assertThrows(dev.timbre.blob.BlobStoreException.class,
                    () -> s3Processor.process(record));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(dlq.history().isEmpty(), "an outage is not the song's fault");
            assertTrue(outputs.history().isEmpty(), "no FAILED status either");

            // a bucket this service does not read from is the record's problem: dead letter
            SongRegistered foreign = SongRegistered.newBuilder(song).setAudioUri("s3://elsewhere/songs/s3/s3-song").build();
            s3Processor.process(new ConsumerRecord<>(Topics.SONGS_REGISTERED, 0, 1L, "s3-song",
                    songs.serialize(Topics.SONGS_REGISTERED, foreign)));
            assertEquals(1, dlq.history().size());
            assertTrue(dlq.history().get(0).value().getReason().contains("not in this service's bucket 'audio'"));
        }
    }
}
