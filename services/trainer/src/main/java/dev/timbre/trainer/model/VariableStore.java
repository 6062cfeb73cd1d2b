package dev.timbre.trainer.model;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Graph variables with explicit load/read, instead of TF-Java's init-scope initialisers.
 *
 * <p>Plain {@code VariableV2} ops (what {@code Graph.saverDef()} saves) with no registered initialiser:
 * values are fed in from the host through an {@code Assign(var, placeholder)} pair. This keeps the seeded
 * Java initialisation bit-exact and, for the exported graph, guarantees that no initialiser could overwrite
 * restored weights when the SavedModel is loaded.
 */
public final class VariableStore {

    private record Slot(Variable<TFloat32> variable, Placeholder<TFloat32> value, Assign<TFloat32> assign, long[] shape) {
    }

    private final Ops tf;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    public VariableStore(Ops tf) {
        this.tf = tf;
    }

    public Variable<TFloat32> create(String name, long[] shape) {
        if (slots.containsKey(name)) {
            throw new IllegalArgumentException("variable " + name + " already exists");
        }
        Ops scoped = tf.withSubScope(name.replace('/', '_'));
        Variable<TFloat32> v = scoped.withName("var").variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> p = scoped.withName("value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
        Assign<TFloat32> a = scoped.withName("load").assign(v, p);
        slots.put(name, new Slot(v, p, a, shape));
        return v;
    }

    public Variable<TFloat32> get(String name) {
        return slot(name).variable;
    }

    public void load(Session session, String name, float[] values) {
        Slot s = slot(name);
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(s.shape), DataBuffers.of(values, true, false))) {
            session.runner().feed(s.value, t).addTarget(s.assign).run().close();
        }
    }

    public float[] read(Session session, String name) {
        Slot s = slot(name);
        try (var result = session.runner().fetch(s.variable).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] out = new float[Math.toIntExact(t.size())];
            t.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    private Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no variable " + name);
        }
        return s;
    }
}
