package dev.timbre.trainer.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import dev.timbre.model.serving.TensorFlowNatives;

/**
 * The CNN in a TensorFlow graph with its training machinery: softmax cross-entropy loss, symbolic
 * gradients ({@link Graph#addGradients}, i.e. TF's C++ gradient registry) and one {@code ApplyAdam}
 * op per trainable variable. Training and inference paths share the variables; the inference path is
 * what the exported SavedModel computes.
 */
public final class TrainingGraph implements AutoCloseable {

    /** Result of one optimisation step on a batch. */
    public record StepResult(float loss, int correct) {
    }

    /** Inference-mode outputs for a batch. */
    public record Prediction(float[] probabilities, float[] embeddings, float loss) {
    }

    private final Architecture architecture;
    private final AdamSettings adam;
    private final Graph graph;
    private final Session session;
    private final VariableStore store;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TFloat32> targets;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> trainLoss;
    private final Operand<TInt32> trainCorrect;
    private final CnnGraph.Forward inference;
    private final Operand<TFloat32> inferenceLoss;
    private final List<Op> trainTargets = new ArrayList<>();
    private final boolean averaging;
    private long step;
    private static final String EMA = "ema/";

    /**
     * @param threads TF intra-op threads; 1 makes CPU kernels (reductions in particular) run in a fixed order
     */
    public TrainingGraph(ParameterValues initial, AdamSettings adam, long seed, int threads) {
        this(initial, adam, seed, threads, 0f);
    }

    /**
     * @param emaDecay when above 0, every step also updates an exponential moving average of every parameter
     *                 (weights and batch-norm statistics) with this decay, read by {@link #averaged()}: an average
     *                 of recent weights generalises better than the last step's (Polyak averaging)
     */
    public TrainingGraph(ParameterValues initial, AdamSettings adam, long seed, int threads, float emaDecay) {
        TensorFlowNatives.ensureLoaded();
        this.architecture = initial.architecture();
        this.adam = adam;
        this.graph = new Graph();
        Ops tf = Ops.create(graph);
        this.store = new VariableStore(tf.withSubScope("params"));
        Architecture a = architecture;
        input = tf.withName(a.input().tensorName()).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, a.frames(), a.bins(), 1)));
        // Soft targets (one-hot, or mixed by mixup), one row per window.
        targets = tf.withName("targets").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, a.classes())));

        Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();
        List<String> trainable = new ArrayList<>();
        for (ParameterSpec spec : initial.specs()) {
            Variable<TFloat32> v = store.create(spec.name(), spec.shape());
            if (spec.trainable()) {
                // Gradients are taken w.r.t. this plain (non-ref) read of the variable.
                reads.put(spec.name(), tf.withSubScope("read").identity(v));
                trainable.add(spec.name());
            } else {
                reads.put(spec.name(), v);
            }
        }
        CnnGraph.Forward train = CnnGraph.build(tf.withSubScope("train"), a, reads::get, store, input, true, seed);
        inference = CnnGraph.build(tf.withSubScope("infer"), a, reads::get, store, input, false, seed);

        Ops lossOps = tf.withSubScope("loss");
        Operand<TFloat32> dataLoss = crossEntropy(lossOps, targets, train.logits());
        if (adam.l2() > 0) {
            // weight decay as an L2 penalty on the kernels (not biases, batch-norm scales or the normalisation)
            Operand<TFloat32> penalty = lossOps.constant(0f);
            for (String name : trainable) {
                if (name.endsWith("/kernel")) {
                    penalty = lossOps.math.add(penalty, lossOps.nn.l2Loss(reads.get(name)));
                }
            }
            dataLoss = lossOps.math.add(dataLoss, lossOps.math.mul(penalty, lossOps.constant(adam.l2())));
        }
        trainLoss = dataLoss;
        inferenceLoss = crossEntropy(tf.withSubScope("eval_loss"), targets, inference.logits());
        trainCorrect = lossOps.sum(lossOps.dtypes.cast(lossOps.math.equal(
                lossOps.math.argMax(train.logits(), lossOps.constant(1), TInt32.class),
                lossOps.math.argMax(targets, lossOps.constant(1), TInt32.class)), TInt32.class),
                lossOps.constant(0));

        Output<?>[] xs = trainable.stream().map(n -> reads.get(n).asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(trainLoss.asOutput(), xs);

        // Reads of a (ref) variable alias its buffer, and ApplyAdam updates in place: an update must not
        // start before every gradient (whose backprop still reads the weights) is computed, or results
        // depend on op scheduling. Gate all updates on all gradients.
        List<Op> gradientsDone = new ArrayList<>();
        List<Operand<TFloat32>> gradients = new ArrayList<>();
        Ops gradOps = tf.withSubScope("gradients_done");
        for (Output<?> g : grads) {
            @SuppressWarnings("unchecked")
            org.tensorflow.op.core.Identity<TFloat32> done = gradOps.identity((Operand<TFloat32>) g);
            gradientsDone.add(done);
            gradients.add(done);
        }
        Ops opt = tf.withSubScope("adam").withControlDependencies(gradientsDone);
        beta1Power = opt.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = opt.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        learningRate = opt.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> lr = learningRate;
        Operand<TFloat32> b1 = opt.constant(adam.beta1());
        Operand<TFloat32> b2 = opt.constant(adam.beta2());
        Operand<TFloat32> eps = opt.constant(adam.epsilon());
        Map<String, Integer> slots = new LinkedHashMap<>();   // Adam moment variables and their sizes
        for (int i = 0; i < trainable.size(); i++) {
            String name = trainable.get(i);
            ParameterSpec spec = initial.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            Variable<TFloat32> m = store.create(name + "/adam_m", spec.shape());
            Variable<TFloat32> v = store.create(name + "/adam_v", spec.shape());
            slots.put(name + "/adam_m", spec.size());
            slots.put(name + "/adam_v", spec.size());
            trainTargets.add(opt.train.applyAdam(store.get(name), m, v, beta1Power, beta2Power, lr, b1, b2, eps,
                    gradients.get(i)));
        }
        trainTargets.addAll(train.stateUpdates());
        this.averaging = emaDecay > 0;
        if (averaging) {
            Ops ema = tf.withSubScope("ema").withControlDependencies(new ArrayList<>(trainTargets));
            for (ParameterSpec spec : initial.specs()) {
                Variable<TFloat32> shadow = store.create(EMA + spec.name(), spec.shape());
                trainTargets.add(ema.assign(shadow, ema.math.add(ema.math.mul(shadow, ema.constant(emaDecay)),
                        ema.math.mul(store.get(spec.name()), ema.constant(1 - emaDecay)))));
            }
        }

        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build();
        session = new Session(graph, config);
        load(initial);
        if (averaging) {
            for (ParameterSpec spec : initial.specs()) {
                store.load(session, EMA + spec.name(), initial.get(spec.name()));
            }
        }
        slots.forEach((slot, size) -> store.load(session, slot, new float[size]));
    }

    private static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> oneHot, Operand<TFloat32> logits) {
        Operand<TFloat32> perExample = tf.math.neg(tf.sum(
                tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1)));
        return tf.math.mean(perExample, tf.constant(0));
    }

    public Architecture architecture() {
        return architecture;
    }

    /** One Adam step at the configured learning rate on {@code n} windows with hard labels {@code y}. */
    public StepResult step(float[] x, int[] y, int n) {
        return step(x, oneHot(y, n), n, adam.learningRate());
    }

    /**
     * One Adam step on {@code n} windows ({@code x} is n*frames*bins floats, frame-major) with soft targets
     * ({@code n*classes}, rows summing to 1) at learning rate {@code lr} (the schedule's value for this step).
     */
    public StepResult step(float[] x, float[] soft, int n, float lr) {
        step++;
        float b1p = (float) Math.pow(adam.beta1(), step);
        float b2p = (float) Math.pow(adam.beta2(), step);
        try (TFloat32 xt = inputTensor(x, n);
             TFloat32 yt = targetTensor(soft, n);
             TFloat32 p1 = TFloat32.scalarOf(b1p);
             TFloat32 p2 = TFloat32.scalarOf(b2p);
             TFloat32 rate = TFloat32.scalarOf(lr)) {
            Session.Runner runner = session.runner().feed(input, xt).feed(targets, yt)
                    .feed(beta1Power, p1).feed(beta2Power, p2).feed(learningRate, rate)
                    .fetch(trainLoss).fetch(trainCorrect);
            trainTargets.forEach(runner::addTarget);
            try (Result r = runner.run()) {
                return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TInt32) r.get(1)).getInt());
            }
        }
    }

    /** Inference-mode probabilities, embeddings and (when labels are given) mean loss for {@code n} windows. */
    public Prediction predict(float[] x, int[] y, int n) {
        try (TFloat32 xt = inputTensor(x, n)) {
            Session.Runner runner = session.runner().feed(input, xt)
                    .fetch(inference.probabilities()).fetch(inference.embedding());
            TFloat32 yt = y == null ? null : targetTensor(oneHot(y, n), n);
            try {
                if (yt != null) {
                    runner.feed(targets, yt).fetch(inferenceLoss);
                }
                try (Result r = runner.run()) {
                    float[] probs = new float[n * architecture.classes()];
                    float[] emb = new float[n * architecture.embeddingSize()];
                    ((TFloat32) r.get(0)).copyTo(DataBuffers.of(probs, false, false));
                    ((TFloat32) r.get(1)).copyTo(DataBuffers.of(emb, false, false));
                    float loss = yt == null ? Float.NaN : ((TFloat32) r.get(2)).getFloat();
                    return new Prediction(probs, emb, loss);
                }
            } finally {
                if (yt != null) {
                    yt.close();
                }
            }
        }
    }

    /** Copies the current parameter values (not the optimiser slots) to the host. */
    public ParameterValues snapshot() {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.of(architecture)) {
            values.put(spec.name(), store.read(session, spec.name()));
        }
        return new ParameterValues(architecture, values);
    }

    /** The moving average of the parameters (the current ones when averaging is off). */
    public ParameterValues averaged() {
        if (!averaging) {
            return snapshot();
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.of(architecture)) {
            values.put(spec.name(), store.read(session, EMA + spec.name()));
        }
        return new ParameterValues(architecture, values);
    }

    /** Overwrites the parameters (e.g. with the best epoch's, for early stopping). */
    public void load(ParameterValues values) {
        for (ParameterSpec spec : values.specs()) {
            store.load(session, spec.name(), values.get(spec.name()));
        }
    }

    private float[] oneHot(int[] y, int n) {
        float[] t = new float[n * architecture.classes()];
        for (int i = 0; i < n; i++) {
            t[i * architecture.classes() + y[i]] = 1f;
        }
        return t;
    }

    private TFloat32 targetTensor(float[] soft, int n) {
        int c = architecture.classes();
        if (soft.length < n * c) {
            throw new IllegalArgumentException("expected " + n + " target rows of " + c + ", got " + soft.length);
        }
        return TFloat32.tensorOf(Shape.of(n, c), DataBuffers.of(soft, true, false).narrow((long) n * c));
    }

    private TFloat32 inputTensor(float[] x, int n) {
        Architecture a = architecture;
        int per = a.frames() * a.bins();
        if (x.length < n * per) {
            throw new IllegalArgumentException("expected " + n + " windows of " + per + " floats, got " + x.length);
        }
        return TFloat32.tensorOf(Shape.of(n, a.frames(), a.bins(), 1),
                DataBuffers.of(x, true, false).narrow((long) n * per));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
