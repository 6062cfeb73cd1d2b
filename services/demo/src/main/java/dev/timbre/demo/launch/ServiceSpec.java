package dev.timbre.demo.launch;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start one Timbre service in a JVM of its own.
 *
 * @param name       short name used in logs ("ingest")
 * @param moduleDir  the service's Maven module; its {@code target/classes} and {@code target/runtime-classpath.txt}
 *                   (written by every build) make the classpath
 * @param mainClass  the Micronaut application class
 * @param port       HTTP port; health is polled on {@code /health}
 * @param properties Micronaut configuration passed as system properties (they override application.yml)
 */
public record ServiceSpec(String name, Path moduleDir, String mainClass, int port, Map<String, String> properties) {
}
