package dev.timbre.trainer.data;

import java.util.List;

/**
 * One labelled song and the MFCC windows extracted from it.
 *
 * @param id      unique song id (relative path, or "synthetic:<genre>:<seed>")
 * @param genre   index into the genre list
 * @param windows MFCC windows, each {@code float[frames*coefficients]} frame-major
 */
public record Song(String id, int genre, List<float[]> windows) {

    public Song {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("song " + id + " has no windows");
        }
        windows = List.copyOf(windows);
    }
}
