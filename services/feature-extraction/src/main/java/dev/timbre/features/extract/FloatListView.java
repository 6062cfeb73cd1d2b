package dev.timbre.features.extract;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Read-only {@code List<Float>} over a {@code float[]}: the Avro array fields are lists, and a window carries
 * 18 330 floats, so wrapping avoids building (and garbage-collecting) that many boxed copies up front.
 */
final class FloatListView extends AbstractList<Float> implements RandomAccess {
    private final float[] values;

    FloatListView(float[] values) {
        this.values = values;
    }

    @Override
    public Float get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }
}
