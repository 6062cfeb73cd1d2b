package dev.timbre.ingest.web;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.features.WindowTensor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a song's mel spectrogram as a PNG from exactly the features the model classified: timbre-audio's
 * librosa-compatible 128-band log-mel of each 3 s window ({@link AudioAnalyzer}, the same code as
 * feature-extraction), windows side by side, low frequencies at the bottom, dB mapped through a magma-like colour
 * map (the seed's figure: {@code librosa.display.specshow(S_db, y_axis='mel')}). Frames are averaged into at most
 * {@link #MAX_WIDTH} columns, so a long song stays a small image.
 */
public final class SpectrogramRenderer {
    public static final int MAX_WIDTH = 1200;
    static final int ROW_HEIGHT = 2;
    /** The dB range shown: the top 80 dB, as the features' top_db. */
    static final float RANGE_DB = 80f;
    private static final int[][] MAGMA = {
            {0, 0, 4}, {28, 16, 68}, {79, 18, 123}, {129, 37, 129}, {181, 54, 122}, {229, 80, 100}, {251, 135, 97},
            {254, 194, 135}, {252, 253, 191}};

    private final AudioAnalyzer analyzer = AudioAnalyzer.defaults();

    /** @throws dev.timbre.audio.AudioException when the audio cannot be decoded */
    public byte[] render(Path audio) {
        return png(analyzer.analyze(audio));
    }

    static byte[] png(List<WindowTensor> windows) {
        int bands = WindowTensor.N_MELS;
        int frames = windows.size() * WindowTensor.FRAMES;
        if (frames == 0) {
            throw new IllegalArgumentException("no windows to draw");
        }
        int width = Math.min(frames, MAX_WIDTH);
        float[][] columns = new float[width][bands];
        int[] counts = new int[width];
        float max = -Float.MAX_VALUE;
        for (int w = 0; w < windows.size(); w++) {
            WindowTensor t = windows.get(w);
            for (int f = 0; f < WindowTensor.FRAMES; f++) {
                int frame = w * WindowTensor.FRAMES + f;
                int x = (int) ((long) frame * width / frames);
                counts[x]++;
                for (int m = 0; m < bands; m++) {
                    float db = t.logMel(f, m);
                    columns[x][m] += db;
                    max = Math.max(max, db);
                }
            }
        }
        BufferedImage image = new BufferedImage(width, bands * ROW_HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int m = 0; m < bands; m++) {
                float db = counts[x] == 0 ? max - RANGE_DB : columns[x][m] / counts[x];
                int rgb = colour((db - (max - RANGE_DB)) / RANGE_DB);
                for (int r = 0; r < ROW_HEIGHT; r++) {
                    image.setRGB(x, (bands - 1 - m) * ROW_HEIGHT + r, rgb);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static int colour(float level) {
        float v = Math.max(0f, Math.min(1f, level)) * (MAGMA.length - 1);
        int i = Math.min((int) v, MAGMA.length - 2);
        float t = v - i;
        int r = Math.round(MAGMA[i][0] + t * (MAGMA[i + 1][0] - MAGMA[i][0]));
        int g = Math.round(MAGMA[i][1] + t * (MAGMA[i + 1][1] - MAGMA[i][1]));
        int b = Math.round(MAGMA[i][2] + t * (MAGMA[i + 1][2] - MAGMA[i][2]));
        return (r << 16) | (g << 8) | b;
    }
}
