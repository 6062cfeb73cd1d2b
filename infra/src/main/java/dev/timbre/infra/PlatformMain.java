package dev.timbre.infra;

import dev.timbre.infra.registry.ApicurioRegistry;
import dev.timbre.infra.topics.TopicCatalog;
import dev.timbre.infra.topics.TopicCreator;
import dev.timbre.infra.topics.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of the local platform.
 * <pre>
 * start  [--data-dir DIR] [--broker-port N] [--controller-port N] [--registry-port N] [--strict-ports]
 *        [--topics FILE]      run broker + registry until Ctrl-C
 * topics --bootstrap HOST:PORT [--replication N] [--topics FILE] [--registry CCOMPAT_URL]
 *                             create/converge the topics on any cluster (and set BACKWARD on a registry)
 * topics --print [--bootstrap HOST:PORT] [--replication N]
 *                             print the equivalent kafka-topics.sh commands instead
 * </pre>
 */
public final class PlatformMain {
    /** Bad command-line input: reported with the usage, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            usage: platform start  [--data-dir DIR] [--broker-port N] [--controller-port N] [--registry-port N]
                                   [--strict-ports] [--topics FILE]
                   platform topics --bootstrap HOST:PORT [--replication N] [--topics FILE] [--registry CCOMPAT_URL]
                   platform topics --print [--bootstrap HOST:PORT] [--replication N] [--topics FILE]""";

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (PlatformException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        if (rest.isEmpty()) {
            throw new UsageException("missing command");
        }
        String command = rest.pop();
        return switch (command) {
            case "start" -> start(rest);
            case "topics" -> topics(rest);
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> throw new UsageException("unknown command " + command);
        };
    }

    private static int start(Deque<String> args) {
        PlatformOptions options = PlatformOptions.defaults();
        while (!args.isEmpty()) {
            String flag = args.pop();
            switch (flag) {
                case "--data-dir" -> options = options.withDataDir(Path.of(value(flag, args)));
                case "--broker-port" -> options = options.withPorts(port(flag, args), options.controllerPort(),
                        options.registryPort());
                case "--controller-port" -> options = options.withPorts(options.brokerPort(), port(flag, args),
                        options.registryPort());
                case "--registry-port" -> options = options.withPorts(options.brokerPort(), options.controllerPort(),
                        port(flag, args));
                case "--strict-ports" -> options = options.withStrictPorts(true);
                case "--topics" -> options = options.withTopics(TopicCatalog.load(Path.of(value(flag, args))));
                default -> throw new UsageException("unknown option " + flag + " for start");
            }
        }
        LocalPlatform platform = LocalPlatform.start(options);
        System.out.println("bootstrap.servers=" + platform.bootstrapServers());
        System.out.println("schema.registry.url=" + platform.registryUrl());
        System.out.println("(written to " + platform.dataDir().resolve(LocalPlatform.PROPERTIES_FILE)
                + "; logs: " + platform.brokerLog() + ", " + platform.registryLog() + "; Ctrl-C stops)");
        CountDownLatch forever = new CountDownLatch(1);
        try {
            // LocalPlatform's shutdown hook stops the children on Ctrl-C / SIGTERM.
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int topics(Deque<String> args) {
        String bootstrap = null;
        String registry = null;
        Short replication = null;
        boolean print = false;
        TopicCatalog catalog = TopicCatalog.bundled();
        while (!args.isEmpty()) {
            String flag = args.pop();
            switch (flag) {
                case "--bootstrap" -> bootstrap = value(flag, args);
                case "--registry" -> registry = value(flag, args);
                case "--replication" -> replication = (short) number(flag, args, 1, Short.MAX_VALUE);
                case "--topics" -> catalog = TopicCatalog.load(Path.of(value(flag, args)));
                case "--print" -> print = true;
                default -> throw new UsageException("unknown option " + flag + " for topics");
            }
        }
        if (replication != null) {
            catalog = catalog.withReplicationFactor(replication);
        }
        if (print) {
            for (TopicSpec spec : catalog.topics()) {
                System.out.println(spec.kafkaTopicsCommand(bootstrap == null ? "$BOOTSTRAP" : bootstrap));
            }
            return 0;
        }
        if (bootstrap == null) {
            throw new UsageException("topics needs --bootstrap HOST:PORT (or --print)");
        }
        var outcomes = new TopicCreator(System.out::println, Duration.ofSeconds(60)).apply(bootstrap, catalog.topics());
        System.out.println(outcomes.size() + " topics in place on " + bootstrap);
        if (registry != null) {
            ApicurioRegistry.setGlobalCompatibility(registry, "BACKWARD");
            System.out.println("global compatibility BACKWARD set on " + registry);
        }
        return 0;
    }

    private static String value(String flag, Deque<String> args) {
        if (args.isEmpty() || args.peek().startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args.pop();
    }

    private static int port(String flag, Deque<String> args) {
        return number(flag, args, 0, 65535);
    }

    private static int number(String flag, Deque<String> args, int min, int max) {
        String raw = value(flag, args);
        try {
            int n = Integer.parseInt(raw);
            if (n < min || n > max) {
                throw new UsageException(flag + " must be between " + min + " and " + max + ", got " + raw);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, got " + raw);
        }
    }

    private PlatformMain() {
    }
}
