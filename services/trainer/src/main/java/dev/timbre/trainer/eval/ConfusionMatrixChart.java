package dev.timbre.trainer.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Renders a confusion matrix as a PNG heat map with labelled axes (Java2D, headless). */
public final class ConfusionMatrixChart {

    private static final int CELL = 48;
    private static final int LEFT = 120;
    private static final int TOP = 70;
    private static final int BOTTOM = 110;

    private ConfusionMatrixChart() {
    }

    public static void write(ConfusionMatrix m, String title, Path png) throws IOException {
        int n = m.labels().size();
        int width = LEFT + n * CELL + 30;
        int height = TOP + n * CELL + BOTTOM;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, 10, 24);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(small);
            FontMetrics fm = g.getFontMetrics();
            for (int r = 0; r < n; r++) {
                int rowTotal = Math.max(1, m.support(r));
                for (int c = 0; c < n; c++) {
                    int count = m.count(r, c);
                    double share = (double) count / rowTotal;   // row-normalised: recall on the diagonal
                    int shade = (int) Math.round(255 * (1 - share));
                    g.setColor(new Color(shade, shade, 255));
                    int x = LEFT + c * CELL;
                    int y = TOP + r * CELL;
                    g.fillRect(x, y, CELL, CELL);
                    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                    String s = Integer.toString(count);
                    g.drawString(s, x + (CELL - fm.stringWidth(s)) / 2, y + CELL / 2 + fm.getAscent() / 2 - 2);
                }
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i <= n; i++) {
                g.drawLine(LEFT, TOP + i * CELL, LEFT + n * CELL, TOP + i * CELL);
                g.drawLine(LEFT + i * CELL, TOP, LEFT + i * CELL, TOP + n * CELL);
            }
            g.setColor(Color.BLACK);
            for (int i = 0; i < n; i++) {
                String label = m.labels().get(i);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), TOP + i * CELL + CELL / 2 + fm.getAscent() / 2 - 2);
                AffineTransform saved = g.getTransform();
                g.translate(LEFT + i * CELL + CELL / 2 + fm.getAscent() / 2 - 2, TOP + n * CELL + 8);
                g.rotate(Math.PI / 2);
                g.drawString(label, 0, 0);
                g.setTransform(saved);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            String xAxis = "predicted genre";
            g.drawString(xAxis, LEFT + (n * CELL - g.getFontMetrics().stringWidth(xAxis)) / 2, height - 12);
            AffineTransform saved = g.getTransform();
            g.translate(18, TOP + n * CELL / 2 + g.getFontMetrics().stringWidth("true genre") / 2);
            g.rotate(-Math.PI / 2);
            g.drawString("true genre", 0, 0);
            g.setTransform(saved);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }
}
