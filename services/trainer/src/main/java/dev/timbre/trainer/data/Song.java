package dev.timbre.trainer.data;

import java.util.ArrayList;
import java.util.List;

import dev.timbre.audio.features.WindowTensor;

/**
 * One labelled song and the feature windows extracted from it (once; every model reads its own tensor).
 *
 * @param id               unique song id (path below the data root, or "synthetic:<genre>:<seed>")
 * @param genre            index into the run's genre list
 * @param part             the data part it came from ({@code train}, {@code valid}, {@code test}), or {@code ""}
 *                         when the data has no parts (random split)
 * @param windows          analysis windows; for training they may overlap (a window every hop seconds)
 * @param evaluationStride every {@code evaluationStride}-th window starts on a multiple of 3 s: those are exactly
 *                         the windows the feature-extraction service produces (1 when the hop is 3 s)
 */
public record Song(String id, int genre, String part, List<WindowTensor> windows, int evaluationStride) {

    public Song {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("song " + id + " has no windows");
        }
        if (evaluationStride < 1) {
            throw new IllegalArgumentException("evaluationStride must be >= 1");
        }
        windows = List.copyOf(windows);
    }

    /** A song without a part whose windows are the service's own. */
    public Song(String id, int genre, List<WindowTensor> windows) {
        this(id, genre, "", windows, 1);
    }

    /** The windows the serving pipeline would produce for this song (used for validation and evaluation). */
    public List<WindowTensor> evaluationWindows() {
        if (evaluationStride == 1) {
            return windows;
        }
        List<WindowTensor> out = new ArrayList<>();
        for (int i = 0; i < windows.size(); i += evaluationStride) {
            out.add(windows.get(i));
        }
        return out;
    }
}
