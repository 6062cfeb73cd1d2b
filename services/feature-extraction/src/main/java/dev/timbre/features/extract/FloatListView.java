package dev.timbre.features.extract;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Read-only {@code List<Float>} over a {@code float[]}: the Avro array fields are lists, and a window carries
 * 18 330 floats. Wrapping keeps a song's windows as primitive arrays (73 KB each) until they are sent instead
 * of ~18 000 retained boxed Floats per window (~5x the memory). Serialisation speed is the same either way
 * (see the bench in README.md): Avro boxes element by element when it writes.
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
