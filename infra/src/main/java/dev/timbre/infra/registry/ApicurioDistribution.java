package dev.timbre.infra.registry;

import dev.timbre.infra.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Where the unpacked Apicurio Registry (its runner jar and {@code lib/}) lives and which Java
 * runs it. Apicurio 3 needs Java 21+; the build picks 3.x when such a JVM exists, else 2.6 on Java 17.
 *
 * <p>Resolution order: system property {@code timbre.apicurio.home} / env {@code TIMBRE_APICURIO_HOME};
 * the folder the build unpacked into ({@code infra/target/apicurio/<version>}); the archive in the local
 * Maven repository, extracted once into {@code ~/.cache/timbre/apicurio-<version>}.
 */
public record ApicurioDistribution(String version, Path home, Path java) {
    static final String RESOURCE = "/dev/timbre/infra/apicurio.properties";
    /** Checked when no TIMBRE_JAVA21 is given: the JDK 21+ installed on Timbre's build machines. */
    static final Path DEFAULT_JAVA21 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    public int majorVersion() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** {@code quarkus-run.jar} (fast-jar layout, Apicurio 3) or {@code *-runner.jar} (legacy-jar, Apicurio 2.6). */
    public Path runnerJar() {
        return findRunner(home).orElseThrow(() -> new PlatformException("No runner jar in Apicurio home " + home));
    }

    static Optional<Path> findRunner(Path home) {
        Path fastJar = home.resolve("quarkus-run.jar");
        if (Files.isRegularFile(fastJar)) {
            return Optional.of(fastJar);
        }
        try (var files = Files.list(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** JVM flags the runner jar's manifest asks for (they only apply by themselves with {@code java -jar}). */
    public List<String> manifestJvmFlags() {
        List<String> flags = new ArrayList<>();
        try (JarFile jar = new JarFile(runnerJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            String opens = main.getValue("Add-Opens");
            if (opens != null) {
                for (String module : opens.trim().split("\\s+")) {
                    flags.add("--add-opens=" + module + "=ALL-UNNAMED");
                }
            }
            if (main.getValue("Enable-Native-Access") != null && javaFeature() >= 22) {
                flags.add("--enable-native-access=ALL-UNNAMED");
            }
        } catch (IOException e) {
            throw new PlatformException("Cannot read " + runnerJar() + ": " + e.getMessage(), e);
        }
        return flags;
    }

    /** Feature release of the Java that runs the registry (17, 21, 25...). */
    public int javaFeature() {
        return javaFeatureVersion(java);
    }

    public String mainClass() {
        try (JarFile jar = new JarFile(runnerJar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        } catch (IOException e) {
            throw new PlatformException("Cannot read " + runnerJar() + ": " + e.getMessage(), e);
        }
    }

    /** Locates the distribution chosen at build time and a Java able to run it. */
    public static ApicurioDistribution locate() {
        Properties built = new Properties();
        try (InputStream in = ApicurioDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new PlatformException(RESOURCE + " missing: build timbre-infra with Maven");
            }
            built.load(in);
        } catch (IOException e) {
            throw new PlatformException("Cannot read " + RESOURCE, e);
        }
        String version = built.getProperty("apicurio.version");
        Path java = javaFor(version);
        Optional<Path> override = Optional.ofNullable(System.getProperty("timbre.apicurio.home"))
                .or(() -> Optional.ofNullable(System.getenv("TIMBRE_APICURIO_HOME"))).map(Path::of);
        if (override.isPresent()) {
            return new ApicurioDistribution(version, checkHome(override.get()), java);
        }
        Path unpacked = Path.of(built.getProperty("apicurio.home"));
        if (findRunner(unpacked).isPresent()) {
            return new ApicurioDistribution(version, unpacked, java);
        }
        Path archive = Path.of(built.getProperty("apicurio.archive"));
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "timbre", "apicurio-" + version);
        return new ApicurioDistribution(version, extractOnce(archive, cache), java);
    }

    private static Path checkHome(Path home) {
        if (findRunner(home).isEmpty()) {
            throw new PlatformException("No quarkus-run.jar or *-runner.jar in Apicurio home " + home);
        }
        return home;
    }

    private static synchronized Path extractOnce(Path archive, Path target) {
        if (Files.isDirectory(target) && findRunner(target).isPresent()) {
            return target;
        }
        if (!Files.isRegularFile(archive)) {
            throw new PlatformException("Apicurio Registry is neither unpacked nor in the local Maven repository ("
                    + archive + "): build timbre-infra with Maven (mvn -pl infra -am install -DskipTests)");
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
            Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", temp.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new PlatformException("Extracting " + archive + " failed: " + output);
            }
            try {
                Files.move(temp, target);
            } catch (IOException raced) {
                // another JVM extracted it at the same time; use theirs
                if (findRunner(target).isEmpty()) {
                    throw raced;
                }
            }
            return checkHome(target);
        } catch (IOException e) {
            throw new PlatformException("Cannot extract " + archive + " into " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while extracting Apicurio", e);
        }
    }

    /** Apicurio 3 runs on Java 21+: TIMBRE_JAVA21 (a JDK home or java binary), then temurin-25, then this JVM. */
    static Path javaFor(String version) {
        Path current = Path.of(System.getProperty("java.home"), "bin", "java");
        if (version.startsWith("2.")) {
            return current;
        }
        String env = System.getenv("TIMBRE_JAVA21");
        if (env != null && !env.isBlank()) {
            Path given = Path.of(env);
            Path binary = Files.isDirectory(given) ? given.resolve("bin").resolve("java") : given;
            if (!Files.isExecutable(binary)) {
                throw new PlatformException("TIMBRE_JAVA21=" + env + " is not a Java 21+ home or java binary");
            }
            return binary;
        }
        if (Files.isExecutable(DEFAULT_JAVA21)) {
            return DEFAULT_JAVA21;
        }
        if (Runtime.version().feature() >= 21) {
            return current;
        }
        throw new PlatformException("Apicurio Registry " + version + " needs Java 21+: set TIMBRE_JAVA21 to a JDK 21+"
                + " home, or rebuild timbre-infra without one to use Apicurio 2.6 on Java 17");
    }

    private static int javaFeatureVersion(Path java) {
        Path release = java.getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown layout: assume the oldest supported
        }
        return 17;
    }
}
