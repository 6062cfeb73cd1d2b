package dev.timbre.trainer.train;

import java.io.PrintStream;

/** A one-line text progress bar, redrawn with carriage returns. */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final int total;
    private int lastDrawn = -1;

    public ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    public void update(int done, String suffix) {
        int filled = (int) ((long) WIDTH * done / total);
        if (filled == lastDrawn && done != total) {
            return;
        }
        lastDrawn = filled;
        out.print("\r" + label + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + done + "/" + total + " " + suffix);
        out.flush();
    }

    public void finish(String summary) {
        out.print("\r" + label + " [" + "=".repeat(WIDTH) + "] " + total + "/" + total + " " + summary + "\n");
        out.flush();
    }
}
