package dev.timbre.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.process.PortAllocator;
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it, and what happens to broker and registry when the CLI is killed with -9. */
class PlatformMainIT {
    @Test
    void startPublishesItsAddressesAndKillMinus9LeavesNoOrphans(@TempDir Path dataDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process cli = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                PlatformMain.class.getName(), "start", "--data-dir", dataDir.toString(),
                "--broker-port", "0", "--controller-port", "0", "--registry-port", "0")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("cli.log").toFile()).start();
        Path published = dataDir.resolve(LocalPlatform.PROPERTIES_FILE);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!Files.exists(published)) {
                assertTrue(cli.isAlive(), () -> "CLI exited: " + read(dataDir.resolve("cli.log")));
                assertTrue(System.nanoTime() < deadline, "no platform.properties after 3 minutes");
                Thread.sleep(200);
            }
            Properties props = new Properties();
            try (FileReader in = new FileReader(published.toFile())) {
                props.load(in);
            }
            String bootstrap = props.getProperty("bootstrap.servers");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("songs.registered.dlq"));
            }
            assertTrue(read(dataDir.resolve("cli.log")).contains("schema.registry.url=" + props.getProperty("schema.registry.url")));
            List<Long> children = List.of(Long.parseLong(props.getProperty("kafka.pid")),
                    Long.parseLong(props.getProperty("registry.pid")));
            int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

            cli.destroyForcibly(); // SIGKILL: no shutdown hook runs in the CLI
            cli.waitFor(30, TimeUnit.SECONDS);
            for (long pid : children) {
                ProcessHandle.of(pid).ifPresent(child -> child.onExit().orTimeout(60, TimeUnit.SECONDS).join());
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "orphan " + pid);
            }
            assertTrue(PortAllocator.isFree(brokerPort), "broker port still held");
        } finally {
            cli.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable)";
        }
    }
}
