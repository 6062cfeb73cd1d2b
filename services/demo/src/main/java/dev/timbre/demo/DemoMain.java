package dev.timbre.demo;

import dev.timbre.demo.catalog.CatalogSong;
import dev.timbre.demo.catalog.DemoCatalog;
import dev.timbre.demo.catalog.FolderScan;
import dev.timbre.demo.client.IngestClient;
import dev.timbre.demo.launch.ApiKeys;
import dev.timbre.demo.launch.DemoS3;
import dev.timbre.demo.launch.Pipeline;
import dev.timbre.demo.script.ListeningScript;
import dev.timbre.infra.LocalPlatform;
import dev.timbre.infra.PlatformOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.timbre.model.ModelDescriptor;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The main job: starts a local broker and registry, the four services, ingests a demo catalog, replays a scripted
 * listening session and prints each user's recommendations with reasons; then keeps everything running for curl
 * until Ctrl-C.
 *
 * <pre>
 * options: --catalog &lt;folder&gt;       ingest your own audio (sub-folders named by genre are used for reporting)
 *          --songs-per-genre &lt;n&gt;  synthetic songs per genre (default 3)
 *          --seconds &lt;s&gt;          length of each synthetic song (default 15)
 *          --exit                 stop after printing instead of waiting for Ctrl-C
 * </pre>
 */
public final class DemoMain {
    /** The model classification serves (bundled in its jar); its model.json names the genres. */
    static final String SERVED_MODEL = "services/classification/src/main/resources/model/genre-cnn";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path dataDir = PlatformOptions.defaultDataDir();
        Path repoRoot = dataDir.getParent();
        Path workDir = dataDir.resolve("demo");

        List<String> genres = ModelDescriptor.read(repoRoot.resolve(SERVED_MODEL)).genres();
        List<FolderScan.Skipped> skipped = List.of();
        List<CatalogSong> catalog;
        if (options.containsKey("catalog")) {
            FolderScan.Result scan = DemoCatalog.fromFolder(Path.of(options.get("catalog")), genres);
            catalog = scan.songs();
            skipped = scan.skipped();
        } else {
            catalog = DemoCatalog.synthetic(Integer.parseInt(options.getOrDefault("songs-per-genre", "3")),
                    Double.parseDouble(options.getOrDefault("seconds", "15")), 42);
        }
        ListeningScript script = ListeningScript.standard();
        ApiKeys keys = ApiKeys.generate(script.userIds());

        say("Starting Kafka (KRaft) and the schema registry in " + dataDir + " ...");
        LocalPlatform platform = LocalPlatform.start(PlatformOptions.defaults());
        Pipeline pipeline = null;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            // The broker and registry start empty every time, so the services' state of an earlier run (Streams
            // stores holding that registry's schema ids) and its blobs go too; the platform's lock on the data
            // folder guarantees no other demo is using them.
            clear(workDir);
            DemoS3.forOption(options.get("blob"), workDir.resolve("s3"), DemoMain::say); // --blob s3; stops at exit
            say("Kafka: " + platform.bootstrapServers() + "   registry: " + platform.registryUrl());
            pipeline = Pipeline.start(repoRoot, workDir, platform.bootstrapServers(), platform.registryUrl(),
                    Pipeline.Ports.conventional(), keys.table(), DemoMain::say);
            Pipeline running = pipeline;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                say("Shutting down services, broker and registry ...");
                running.close();
                platform.close();
                stopped.countDown();
            }, "timbre-demo-shutdown"));

            IngestClient ingest = new IngestClient(pipeline.service("ingest").baseUrl());
            DemoSession session = new DemoSession(ingest, keys, DemoMain::say);
            session.printSkipped(skipped);
            DemoSession.Ingested ingested = session.ingestAll(catalog, Duration.ofMinutes(10 + catalog.size() / 10));
            catalog = ingested.songs();
            List<String> songIds = ingested.ids();
            session.printCatalog(songIds, catalog);
            if (!options.containsKey("catalog")) {
                say("");
                say("  Note: this catalog is synthesised (genre 'studies' from the project's own synthesiser), while the");
                say("  model was trained on real recordings (GTZAN). It labels each study by the real genre it sounds");
                say("  most like, so 'filed as' and the prediction often differ; the ranking below still follows the");
                say("  model's embedding. For real music: infra/bin/demo --catalog <folder of <genre>/<audio> files>.");
            }
            session.replay(script, catalog, songIds);
            printCurlHints(pipeline.service("ingest").baseUrl(), keys);
        } catch (Exception e) {
            if (pipeline != null) {
                pipeline.close();
            }
            platform.close();
            throw e;
        }
        if (options.containsKey("exit")) {
            System.exit(0); // the shutdown hook stops everything
        }
        say("Everything keeps running; press Ctrl-C to stop.");
        stopped.await();
    }

    private static void printCurlHints(String ingestUrl, ApiKeys keys) {
        String alice = keys.of("alice");
        say("");
        say("Try it yourself (API keys: " + keys.byPrincipal() + "):");
        say("  curl -s -H 'Authorization: Bearer " + alice + "' " + ingestUrl + "/users/alice/recommendations");
        say("  curl -s -H 'Authorization: Bearer " + alice + "' -H 'Content-Type: application/json' \\");
        say("       -d '{\"songId\":\"<id>\",\"type\":\"liked\"}' " + ingestUrl + "/users/alice/events");
        say("  web page: " + ingestUrl + "/?key=" + alice + "&user=alice");
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; see DemoMain's javadoc");
            }
            String name = args[i].substring(2);
            boolean flag = name.equals("exit");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private DemoMain() {
    }
}
