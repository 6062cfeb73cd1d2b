package dev.timbre.infra.process;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM: runs the real main class given as first argument, and exits the JVM
 * (running its shutdown hooks, so Kafka stops cleanly) as soon as standard input reaches end-of-file.
 * The launcher keeps the pipe to the child's stdin open, so EOF means the launcher died, even by SIGKILL:
 * brokers and registries never outlive the test JVM or CLI that started them.
 */
public final class ParentWatch {
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatch <main class> [args...]");
        }
        Thread watcher = new Thread(ParentWatch::exitWhenParentGone, "timbre-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitWhenParentGone() {
        try {
            while (System.in.read() != -1) {
                // the launcher never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as EOF
        }
        System.exit(0);
    }

    private ParentWatch() {
    }
}
