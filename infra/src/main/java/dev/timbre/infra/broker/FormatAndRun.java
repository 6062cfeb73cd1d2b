package dev.timbre.infra.broker;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the broker child JVM: formats the KRaft storage, then runs the broker in the same JVM
 * (one JVM start instead of two: the format alone costs about as much as loading the broker).
 * Only ever loaded in the child, whose classpath holds the Kafka server jars.
 */
public final class FormatAndRun {
    /** Third argument: the storage is already formatted (a restart), keep it. */
    public static final String KEEP_STORAGE = "--keep-storage";

    /** @param args cluster id, server.properties path, optionally {@value #KEEP_STORAGE} */
    public static void main(String[] args) {
        if (args.length != 2 && !(args.length == 3 && KEEP_STORAGE.equals(args[2]))) {
            throw new IllegalArgumentException("usage: FormatAndRun <cluster id> <server.properties> [" + KEEP_STORAGE + "]");
        }
        String[] format = args.length == 3
                ? new String[] {"format", "-t", args[0], "-c", args[1], "--ignore-formatted"}
                : new String[] {"format", "-t", args[0], "-c", args[1]};
        int exit = StorageTool.execute(format, System.out);
        if (exit != 0) {
            System.err.println("Formatting Kafka storage failed (exit code " + exit + ")");
            System.exit(exit);
        }
        Kafka.main(new String[] {args[1]});
    }

    private FormatAndRun() {
    }
}
