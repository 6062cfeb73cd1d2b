package dev.timbre.ingest;

import io.micronaut.runtime.Micronaut;

/** Timbre's HTTP edge: song uploads, user events, song status, catalog and recommendations. */
public final class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }

    private Application() {
    }
}
