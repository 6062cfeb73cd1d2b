package dev.timbre.classification;

import io.micronaut.runtime.Micronaut;

/** Timbre's classification service: genre CNN inference on audio.features, song profiles on song.profiles. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
