package dev.timbre.features;

import io.micronaut.runtime.Micronaut;

/** Turns registered songs into per-window MFCC and log-mel tensors for the classifier. */
public final class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }

    private Application() {
    }
}
