package dev.timbre.infra.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.PlatformException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
    @Test
    void busyPortIsReplacedByAFreeOneWithAWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertFalse(PortAllocator.isFree(port));
            int chosen = new PortAllocator(false, warnings::add).allocate("Kafka broker", port);
            assertNotEquals(port, chosen);
            assertTrue(PortAllocator.isFree(chosen));
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains(String.valueOf(port)), warnings.get(0));
        }
    }

    @Test
    void strictModeFailsNamingThePortAndRole() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            PlatformException e = assertThrows(PlatformException.class,
                    () -> new PortAllocator(true, w -> { }).allocate("Kafka broker", port));
            assertTrue(e.getMessage().contains("Port " + port + " (Kafka broker)"), e.getMessage());
        }
    }

    @Test
    void neverHandsOutTheSamePortTwice() {
        PortAllocator ports = new PortAllocator(false, w -> { });
        HashSet<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertTrue(seen.add(ports.allocate("role " + i, 0)));
        }
        int first = seen.iterator().next();
        assertNotEquals(first, ports.allocate("again", first));
        assertThrows(PlatformException.class, () -> ports.allocate("bad", 70000));
    }
}
