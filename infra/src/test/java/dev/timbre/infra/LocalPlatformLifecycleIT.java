package dev.timbre.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.process.PortAllocator;
import java.io.FileReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping a platform of its own (not the shared test platform): ports, data folder, stop. */
class LocalPlatformLifecycleIT {
    @Test
    void movesOffBusyPortsGuardsItsDataDirAndStopsCleanly(@TempDir Path dataDir) throws Exception {
        List<String> messages = new ArrayList<>();
        LocalPlatform platform;
        int busyPort;
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            busyPort = busy.getLocalPort();
            platform = LocalPlatform.start(PlatformOptions.forTests(dataDir).withPorts(busyPort, 0, 0)
                    .withTopics(null).withLog(messages::add));
        }
        List<Long> pids = platform.childPids();
        List<Integer> ports = platform.ports();
        try {
            assertNotEquals(busyPort, ports.get(0));
            assertEquals("127.0.0.1:" + ports.get(0), platform.bootstrapServers());
            assertTrue(messages.stream().anyMatch(m -> m.contains("Port " + busyPort + " (Kafka broker) is in use")),
                    messages.toString());

            Properties written = new Properties();
            try (FileReader in = new FileReader(dataDir.resolve(LocalPlatform.PROPERTIES_FILE).toFile())) {
                written.load(in);
            }
            assertEquals(platform.bootstrapServers(), written.getProperty("bootstrap.servers"));
            assertEquals(platform.registryUrl(), written.getProperty("schema.registry.url"));

            PlatformException second = assertThrows(PlatformException.class,
                    () -> LocalPlatform.start(PlatformOptions.forTests(dataDir)));
            assertTrue(second.getMessage().contains("Another Timbre platform"), second.getMessage());
            for (int port : ports) {
                assertFalse(PortAllocator.isFree(port), "port " + port + " should be in use while running");
            }
        } finally {
            platform.close();
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still alive");
        }
        for (int port : ports) {
            assertTrue(PortAllocator.isFree(port), "port " + port + " still held after close");
        }
        assertFalse(Files.exists(dataDir.resolve(LocalPlatform.PROPERTIES_FILE)));
        platform.close(); // idempotent
    }

    @Test
    void strictPortsFailFastNamingTheBusyPort(@TempDir Path dataDir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            long start = System.nanoTime();
            PlatformException e = assertThrows(PlatformException.class, () -> LocalPlatform.start(
                    PlatformOptions.forTests(dataDir).withPorts(0, 0, port).withStrictPorts(true)));
            assertTrue(e.getMessage().contains("Port " + port + " (Apicurio Registry HTTP)"), e.getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "should fail before starting anything");
        }
        // the data folder is usable again right away
        assertTrue(Files.exists(dataDir.resolve(".lock")));
    }

    /** The chaos check restarts the broker: same port, same storage, records kept, clients reconnect. */
    @Test
    void brokerRestartKeepsPortAndRecords(@TempDir Path dataDir) throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(PlatformOptions.forTests(dataDir).withLog(m -> { }))) {
            String bootstrap = platform.bootstrapServers();
            java.util.Map<String, Object> producerProps = java.util.Map.of("bootstrap.servers", bootstrap, "acks", "all");
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(producerProps,
                    new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("song.status", "k", "before")).get();
            }
            long oldPid = platform.childPids().get(0);
            platform.restartBroker(true);
            assertEquals(bootstrap, platform.bootstrapServers());
            assertNotEquals(oldPid, platform.childPids().get(0), "a new broker process");
            assertFalse(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false));
            java.util.Map<String, Object> consumerProps = java.util.Map.of("bootstrap.servers", bootstrap,
                    "auto.offset.reset", "earliest", "group.id", "restart-check");
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(consumerProps,
                    new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
                consumer.subscribe(List.of("song.status"));
                List<String> seen = new ArrayList<>();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!seen.contains("before") && System.nanoTime() < deadline) {
                    consumer.poll(java.time.Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                }
                assertTrue(seen.contains("before"), "the record written before the restart: " + seen);
            }
        }
    }
}
