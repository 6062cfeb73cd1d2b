package dev.timbre.recommendation.candidates;

/** The few vector operations the index and the ranking need (cosine over dense float vectors). */
public final class VectorMath {

    private VectorMath() {
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Unit-length copy; a zero vector stays zero (its cosine with anything is 0). */
    public static float[] normalized(float[] v) {
        double n = norm(v);
        float[] out = new float[v.length];
        if (n == 0 || Double.isNaN(n)) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    public static float[] normalized(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s);
        float[] out = new float[v.length];
        if (n == 0 || Double.isNaN(n)) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }

    public static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return 0;
        }
        return dot(a, b) / (na * nb);
    }
}
