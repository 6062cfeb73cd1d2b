package dev.timbre.infra.process;

import dev.timbre.infra.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A small jar holding only the classes a child JVM needs from this module ({@link ParentWatch}, the
 * broker's main), written once into the cache folder. The child's classpath then never includes the
 * launcher's own jar or classes folder (nothing of the services' dependencies leaks into the broker or
 * registry JVM, whichever way the launcher itself was loaded).
 */
public final class ChildSupportJar {
    private ChildSupportJar() {
    }

    /** Timbre's cache folder: {@code $TIMBRE_CACHE}, else {@code ~/.cache/timbre}. */
    public static Path cacheDir() {
        String env = System.getenv("TIMBRE_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "timbre");
    }

    /** The jar with {@code classes} (top-level classes without nested ones), named by a hash of their bytes. */
    public static synchronized Path of(Class<?>... classes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Class<?> type : classes) {
            String name = type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new PlatformException("Class file " + name + " not found");
                }
                byte[] bytes = in.readAllBytes();
                entries.put(name, bytes);
                sha.update(name.getBytes());
                sha.update(bytes);
            } catch (IOException e) {
                throw new PlatformException("Cannot read " + name + ": " + e.getMessage(), e);
            }
        }
        Path jar = cacheDir().resolve("child-support-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        try {
            Files.createDirectories(jar.getParent());
            Path temp = Files.createTempFile(jar.getParent(), "child-support", ".tmp");
            try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    JarEntry jarEntry = new JarEntry(entry.getKey());
                    jarEntry.setTime(0);
                    out.putNextEntry(jarEntry);
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException e) {
            throw new PlatformException("Cannot write " + jar + ": " + e.getMessage(), e);
        }
    }
}
