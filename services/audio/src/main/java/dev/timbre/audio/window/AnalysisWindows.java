package dev.timbre.audio.window;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a song (mono, 22 050 Hz) into fixed-length analysis windows.
 *
 * <ul>
 *   <li>Window: {@code windowSamples} (3 s = 66 150 samples, giving 130 STFT frames).</li>
 *   <li>Windows start every {@code hopSamples} (default = window, i.e. no overlap); a tail shorter than
 *       a window is dropped, because a zero-padded tail would look like a fade-out the model never saw
 *       in training.</li>
 *   <li>A song of at least {@code minSamples} (1 s) but shorter than one window yields one window,
 *       zero-padded at the end: short clips still get a (less reliable) profile.</li>
 *   <li>Shorter than {@code minSamples}: {@link Reason#TOO_SHORT}; no samples at all: {@link Reason#EMPTY}.</li>
 * </ul>
 */
public final class AnalysisWindows {

    /** One window's samples and position. */
    public record Window(int index, int startSample, float[] samples) {
    }

    private final int windowSamples;
    private final int hopSamples;
    private final int minSamples;

    public AnalysisWindows(int windowSamples, int hopSamples, int minSamples) {
        if (windowSamples < 1 || hopSamples < 1 || minSamples < 1 || minSamples > windowSamples) {
            throw new IllegalArgumentException("invalid window settings");
        }
        this.windowSamples = windowSamples;
        this.hopSamples = hopSamples;
        this.minSamples = minSamples;
    }

    public int windowSamples() {
        return windowSamples;
    }

    public int hopSamples() {
        return hopSamples;
    }

    /** Number of windows {@link #split} returns for {@code n} samples (0 means it would throw). */
    public int count(int n) {
        if (n < minSamples) {
            return 0;
        }
        if (n < windowSamples) {
            return 1;
        }
        return 1 + (n - windowSamples) / hopSamples;
    }

    /**
     * Start sample of each window {@link #split} would return, without copying anything: window
     * {@code i} is {@code samples[starts[i] .. starts[i] + windowSamples)}, zeros past the end.
     */
    public int[] starts(int n) {
        if (n == 0) {
            throw new AudioException(Reason.EMPTY, "no samples");
        }
        if (n < minSamples) {
            throw new AudioException(Reason.TOO_SHORT, String.format("%d samples, need at least %d", n, minSamples));
        }
        int[] starts = new int[count(n)];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = i * hopSamples;
        }
        return starts;
    }

    public List<Window> split(float[] samples) {
        int count = starts(samples.length).length;
        List<Window> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = i * hopSamples;
            float[] w = Arrays.copyOfRange(samples, start, start + windowSamples); // zero-pads past the end
            out.add(new Window(i, start, w));
        }
        return out;
    }
}
