package dev.timbre.infra.broker;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Main class of the broker child JVM: formats the KRaft storage, then runs the broker in the same JVM
 * (one JVM start instead of two: the format alone costs about as much as loading the broker).
 * Only ever loaded in the child, whose classpath holds the Kafka server jars.
 */
public final class FormatAndRun {
    /** @param args cluster id, server.properties path */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: FormatAndRun <cluster id> <server.properties>");
        }
        int exit = StorageTool.execute(new String[] {"format", "-t", args[0], "-c", args[1]}, System.out);
        if (exit != 0) {
            System.err.println("Formatting Kafka storage failed (exit code " + exit + ")");
            System.exit(exit);
        }
        Kafka.main(new String[] {args[1]});
    }

    private FormatAndRun() {
    }
}
