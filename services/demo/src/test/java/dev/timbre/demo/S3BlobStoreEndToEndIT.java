package dev.timbre.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.demo.client.IngestClient;
import dev.timbre.demo.launch.ApiKeys;
import dev.timbre.demo.launch.DemoS3;
import dev.timbre.demo.launch.Pipeline;
import dev.timbre.infra.PlatformOptions;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system on the S3 blob store, as {@code infra/bin/demo --blob s3} runs it: S3Proxy next to the broker and
 * registry, the four services in their own JVMs, an upload through ingest's HTTP API stored in the bucket and
 * followed through feature extraction and classification to RECOMMENDABLE. Runs in a test JVM of its own (a separate
 * failsafe execution), so its services never share consumer groups with the other end-to-end tests' system.
 */
@ExtendWith(KafkaPlatformExtension.class)
class S3BlobStoreEndToEndIT {
    @TempDir
    Path work;

    @Test
    void anUploadGoesThroughTheBucketToRecommendable() throws IOException {
        TestPlatform platform = TestPlatform.get();
        ApiKeys keys = ApiKeys.generate(List.of("alice"));
        Path repoRoot = PlatformOptions.defaultDataDir().getParent();
        try (DemoS3 s3 = DemoS3.start(work.resolve("s3"), line -> System.out.println("[e2e-s3] " + line));
             Pipeline pipeline = Pipeline.start(repoRoot, work, platform.bootstrapServers(), platform.registryUrl(),
                     new Pipeline.Ports(freePort(), freePort(), freePort(), freePort()), keys.table(),
                     line -> System.out.println("[e2e-s3] " + line))) {
            IngestClient ingest = new IngestClient(pipeline.service("ingest").baseUrl());
            String admin = keys.of("admin");
            byte[] wav = WavWriter.toBytes(SyntheticGenres.render("classical", 21, 9.0), SyntheticGenres.SAMPLE_RATE);

            JsonNode uploaded = ingest.uploadSong(admin, "s3.wav", wav, "Bucket Study", "E2E", null).orThrow("upload");
            String songId = uploaded.path("songId").asText();
            String key = DemoS3.PREFIX + "songs/" + songId.substring(0, 2) + "/" + songId;
            assertEquals("s3://" + DemoS3.BUCKET + "/" + key, uploaded.path("audioUri").asText());
            Path object = s3.server().bucketDir(DemoS3.BUCKET).resolve(key);
            assertTrue(Files.isRegularFile(object), "the audio is an object in the bucket: " + object);
            assertEquals(wav.length, Files.size(object));
            assertTrue(Files.notExists(work.resolve("blobs")), "nothing in the local blob folder");

            Map<String, String> stages = new DemoSession(ingest, keys, line -> System.out.println("[e2e-s3] " + line))
                    .awaitFinalStages(List.of(songId), Duration.ofMinutes(5));
            assertEquals("RECOMMENDABLE", stages.get(songId),
                    "feature extraction read the object from S3; classification and recommendation followed");
        } finally {
            DemoS3.forget();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
