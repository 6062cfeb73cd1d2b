package dev.timbre.recommendation;

import io.micronaut.runtime.Micronaut;

/** Entry point: an HTTP server (queries, health, metrics) hosting the recommendation Streams app. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
