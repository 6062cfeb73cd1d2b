package dev.timbre.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.broker.KafkaBroker;
import dev.timbre.infra.process.PortAllocator;
import dev.timbre.infra.registry.ApicurioDistribution;
import dev.timbre.infra.registry.ApicurioRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child that cannot start fails the launch with a typed error carrying the tail of its log. */
class StartupFailureIT {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void brokerWithInvalidConfigReportsItsLog(@TempDir Path dir) {
        int port = new PortAllocator(false, w -> { }).allocate("test", 0);
        PlatformException e = assertThrows(PlatformException.class, () -> KafkaBroker.start(new KafkaBroker.Settings(
                dir, port, port, JAVA, List.of("-Xmx256m"), Duration.ofSeconds(60))));
        assertTrue(e.getMessage().contains("last lines of " + dir.resolve("kafka.log")), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
        assertFalse(LocalPlatform.portTaken(e), "a config error is not retried");
    }

    @Test
    void aFailingRegistryTakesTheAlreadyStartingBrokerDown(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("broken-apicurio"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "no.such.RegistryMain");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(home.resolve("quarkus-run.jar")), manifest)) {
            jar.flush();
        }
        Set<Long> before = childPids();
        System.setProperty("timbre.apicurio.home", home.toString());
        try {
            PlatformException e = assertThrows(PlatformException.class,
                    () -> LocalPlatform.start(PlatformOptions.forTests(dir.resolve("data")).withLog(m -> { })));
            assertTrue(e.getMessage().contains("no.such.RegistryMain"), e.getMessage());
        } finally {
            System.clearProperty("timbre.apicurio.home");
        }
        Set<Long> left = childPids();
        left.removeAll(before);
        assertEquals(Set.of(), left, "children left running after a failed start");
        // the data folder is not left locked: a new start gets past the lock (and fails on the busy port)
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PlatformException again = assertThrows(PlatformException.class, () -> LocalPlatform.start(
                    PlatformOptions.forTests(dir.resolve("data")).withPorts(busy.getLocalPort(), 0, 0).withStrictPorts(true)));
            assertTrue(again.getMessage().contains("Port " + busy.getLocalPort()), again.getMessage());
        }
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void registryOnABusyPortReportsItsLog(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int management = new PortAllocator(false, w -> { }).allocate("test", 0);
            PlatformException e = assertThrows(PlatformException.class, () -> ApicurioRegistry.start(
                    new ApicurioRegistry.Settings(dir, busy.getLocalPort(), management, ApicurioDistribution.locate(),
                            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), Duration.ofSeconds(120))));
            assertTrue(e.getMessage().contains("exited during startup"), e.getMessage());
            assertTrue(e.getMessage().contains("Port " + busy.getLocalPort() + " seems to be in use"), e.getMessage());
            assertTrue(LocalPlatform.portTaken(e), "such a failure makes LocalPlatform retry on other ports");
        }
    }
}
