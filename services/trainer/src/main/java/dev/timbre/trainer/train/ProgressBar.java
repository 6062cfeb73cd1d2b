package dev.timbre.trainer.train;

import java.io.PrintStream;

/**
 * A one-line text progress bar, redrawn with carriage returns on a terminal; when output goes to a file or
 * a pipe (CI, Maven) only the final line of each bar is printed.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean interactive;
    private int lastDrawn = -1;

    public ProgressBar(PrintStream out, String label, int total) {
        this(out, label, total, out == System.out && interactiveConsole());
    }

    /** {@code -Dtimbre.progress=always|never|auto} (auto: only when stdout is a terminal). */
    static boolean interactiveConsole() {
        return switch (System.getProperty("timbre.progress", "auto")) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null;
        };
    }

    ProgressBar(PrintStream out, String label, int total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = interactive;
    }

    public synchronized void update(int done, String suffix) {
        if (!interactive) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        if (filled == lastDrawn && done != total) {
            return;
        }
        lastDrawn = filled;
        out.print("\r" + label + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + done + "/" + total + " " + suffix);
        out.flush();
    }

    public synchronized void finish(String summary) {
        out.print((interactive ? "\r" : "") + label + " [" + "=".repeat(WIDTH) + "] " + total + "/" + total + " " + summary + "\n");
        out.flush();
    }
}
