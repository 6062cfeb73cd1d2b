package dev.timbre.demo;

import dev.timbre.demo.client.IngestClient;
import dev.timbre.demo.launch.ApiKeys;
import dev.timbre.demo.launch.Pipeline;
import dev.timbre.infra.PlatformOptions;
import dev.timbre.infra.testing.TestPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole system for end-to-end tests: the shared test broker and registry plus the four services in JVMs of
 * their own on free ports. Started once per test JVM and shared by the end-to-end test classes.
 */
final class RunningSystem {
    static final List<String> USERS = List.of("alice", "bob", "erin");

    private static RunningSystem instance;

    final Pipeline pipeline;
    final ApiKeys keys;
    final IngestClient ingest;
    final TestPlatform platform;

    private RunningSystem(Pipeline pipeline, ApiKeys keys, TestPlatform platform) {
        this.pipeline = pipeline;
        this.keys = keys;
        this.platform = platform;
        this.ingest = new IngestClient(pipeline.service("ingest").baseUrl());
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            TestPlatform platform = TestPlatform.get();
            ApiKeys keys = ApiKeys.generate(USERS);
            Path repoRoot = PlatformOptions.defaultDataDir().getParent();
            Path work;
            try {
                work = Files.createTempDirectory("timbre-e2e");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Pipeline pipeline = Pipeline.start(repoRoot, work, platform.bootstrapServers(), platform.registryUrl(),
                    new Pipeline.Ports(freePort(), freePort(), freePort(), freePort()), keys.table(), genreModel(),
                    line -> System.out.println("[e2e] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "timbre-e2e-stop"));
            instance = new RunningSystem(pipeline, keys, platform);
        }
        return instance;
    }

    /**
     * The genre model the end-to-end system serves: one trained by timbre-trainer on three SyntheticGenres
     * genres (test resources), so the whole pipeline runs on a taxonomy that is the model's, not the code's, and
     * the synthetic songs of those genres have known answers. Made with
     * {@code services/trainer/bin/train --synthetic 16 --synthetic-genres blues,classical,metal --seconds 15 --augment
     * --no-baseline --recipe plain --hop 0.5 --epochs 20 --min-epochs 10 --patience 4 --out /tmp/fix3
     * --model-dir services/demo/src/test/resources/model/synthetic-3-genres}.
     */
    static Path genreModel() {
        try {
            return Path.of(RunningSystem.class.getClassLoader().getResource(MODEL + "/model.json").toURI()).getParent();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + MODEL + " missing", e);
        }
    }

    static final String MODEL = "model/synthetic-3-genres";
    /** The fixture model's genres, as its model.json lists them. */
    static final List<String> MODEL_GENRES = List.of("blues", "classical", "metal");

    DemoSession session() {
        return new DemoSession(ingest, keys, line -> System.out.println("[e2e] " + line));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
