package dev.timbre.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlatformMainTest {
    @Test
    void printsKafkaTopicsCommandsWithTheRequestedReplication() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, PlatformMain.run(new String[] {"topics", "--print", "--replication", "3", "--bootstrap", "k:9092"}));
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(12, lines.length); // 7 topics and 5 dead-letter twins (infra/topics.yaml)
        for (String line : lines) {
            assertTrue(line.startsWith("kafka-topics.sh --bootstrap-server k:9092 --create --if-not-exists --topic "), line);
            assertTrue(line.contains("--replication-factor 3"), line);
        }
    }

    @Test
    void rejectsBadCommandLines() {
        assertThrows(PlatformMain.UsageException.class, () -> PlatformMain.run(new String[] {}));
        assertThrows(PlatformMain.UsageException.class, () -> PlatformMain.run(new String[] {"stop"}));
        assertThrows(PlatformMain.UsageException.class, () -> PlatformMain.run(new String[] {"topics"}));
        assertThrows(PlatformMain.UsageException.class,
                () -> PlatformMain.run(new String[] {"topics", "--print", "--replication", "zero"}));
        assertThrows(PlatformMain.UsageException.class,
                () -> PlatformMain.run(new String[] {"start", "--broker-port", "70000"}));
        assertThrows(PlatformMain.UsageException.class, () -> PlatformMain.run(new String[] {"start", "--data-dir"}));
    }
}
