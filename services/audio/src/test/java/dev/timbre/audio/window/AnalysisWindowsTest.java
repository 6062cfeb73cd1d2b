package dev.timbre.audio.window;

import dev.timbre.audio.AudioException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalysisWindowsTest {

    private final AnalysisWindows noOverlap = new AnalysisWindows(66150, 66150, 22050);

    @Test
    void fullWindowsOnlyTailDropped() {
        float[] y = ramp(3 * 66150 + 66149);
        List<AnalysisWindows.Window> ws = noOverlap.split(y);
        assertEquals(3, ws.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, ws.get(i).index());
            assertEquals(i * 66150, ws.get(i).startSample());
            assertEquals(66150, ws.get(i).samples().length);
            assertEquals(y[i * 66150], ws.get(i).samples()[0]);
            assertEquals(y[i * 66150 + 66149], ws.get(i).samples()[66149]);
        }
    }

    @Test
    void overlappingHop() {
        AnalysisWindows half = new AnalysisWindows(66150, 33075, 22050);
        assertEquals(5, half.split(ramp(3 * 66150)).size());
        assertEquals(33075, half.split(ramp(3 * 66150)).get(1).startSample());
    }

    @Test
    void shortSongIsZeroPaddedToOneWindow() {
        float[] y = ramp(30000);
        List<AnalysisWindows.Window> ws = noOverlap.split(y);
        assertEquals(1, ws.size());
        assertEquals(66150, ws.get(0).samples().length);
        assertEquals(y[29999], ws.get(0).samples()[29999]);
        assertEquals(0f, ws.get(0).samples()[30000]);
        assertEquals(0f, ws.get(0).samples()[66149]);
    }

    @Test
    void tooShortAndEmpty() {
        AudioException shortEx = assertThrows(AudioException.class, () -> noOverlap.split(new float[22049]));
        assertEquals(AudioException.Reason.TOO_SHORT, shortEx.reason());
        AudioException empty = assertThrows(AudioException.class, () -> noOverlap.split(new float[0]));
        assertEquals(AudioException.Reason.EMPTY, empty.reason());
        assertEquals(1, noOverlap.split(new float[22050]).size());
    }

    private static float[] ramp(int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i % 1000) / 1000f + 0.001f;
        }
        return y;
    }
}
