package dev.timbre.infra.process;

import dev.timbre.infra.PlatformException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks the loopback ports of one platform: the wanted port when it is free, else (unless strict) any free
 * port. Remembers what it handed out so two roles never get the same port.
 */
public final class PortAllocator {
    private final boolean strict;
    private final Consumer<String> warnings;
    private final Set<Integer> handedOut = new HashSet<>();

    public PortAllocator(boolean strict, Consumer<String> warnings) {
        this.strict = strict;
        this.warnings = warnings;
    }

    /**
     * @param role what the port is for, named in messages (e.g. "Kafka broker")
     * @param wanted the configured port, or 0 for any free port
     */
    public synchronized int allocate(String role, int wanted) {
        if (wanted < 0 || wanted > 65535) {
            throw new PlatformException("Invalid port " + wanted + " for " + role);
        }
        if (wanted > 0) {
            if (!handedOut.contains(wanted) && isFree(wanted)) {
                handedOut.add(wanted);
                return wanted;
            }
            if (strict) {
                throw new PlatformException("Port " + wanted + " (" + role + ") on 127.0.0.1 is already in use;"
                        + " stop whatever holds it or choose another port");
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = anyFreePort();
            if (handedOut.add(port)) {
                if (wanted > 0) {
                    warnings.accept("Port " + wanted + " (" + role + ") is in use; using " + port + " instead");
                }
                return port;
            }
        }
        throw new PlatformException("No free port found for " + role);
    }

    /**
     * Whether a server could listen on the loopback port now. SO_REUSEADDR like Kafka and Quarkus use:
     * connections lingering in TIME_WAIT after a stop do not make a port busy, a listener does.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PlatformException("Cannot find a free loopback port: " + e.getMessage(), e);
        }
    }
}
