package org.convkit.cnn.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.convkit.cnn.layers.Activation;
import org.convkit.cnn.layers.Dropout;
import org.convkit.cnn.layers.FusesRelu;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.layers.Layer;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.layers.SoftmaxCrossEntropy;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.tensor.Tensor;

/**
 * A sequential network built from an architecture (a preset name or a spec), with softmax
 * cross-entropy on top: the object the CLI trains, evaluates and saves. Its state dict has the names
 * and shapes of the equivalent {@code torch.nn.Sequential}, e.g. {@code 0.weight}, {@code 1.running_var},
 * {@code 4.conv1.weight}.
 */
public final class Network {
    private final String arch;
    private final String spec;
    private final int[] inputShape;
    private final List<Layer> layers;
    private final List<int[]> shapes;
    private final long seed;
    private SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0f);
    private long steps;

    private Network(String arch, String spec, int[] inputShape, Builder.Built built, long seed) {
        this.arch = arch;
        this.spec = spec;
        this.inputShape = inputShape.clone();
        this.layers = List.copyOf(built.layers());
        this.shapes = built.shapes();
        this.seed = seed;
        if (!layers.isEmpty()) {
            layers.getFirst().setInputGradNeeded(false);
        }
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (layers.get(i) instanceof FusesRelu f && layers.get(i + 1) instanceof Activation.ReLU relu) {
                f.fuseRelu(relu);
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Dropout d) {
                d.setSeed(new SplittableRandom(seed).split().nextLong() + 0x632BE59BD9B4E019L * (i + 1));
            }
        }
    }

    /**
     * Builds {@code arch} (a preset from {@link Architectures#NAMES} or a spec) for per-sample input
     * {@code inputShape} (e.g. {1, 28, 28}) and {@code classes} outputs, He-initialised from {@code seed}.
     * For a spec, {@code classes <= 0} skips the check that its last layer has that many outputs.
     */
    public static Network build(String arch, int[] inputShape, int classes, long seed) {
        return build(arch, inputShape, classes, seed, Init.HE);
    }

    /** As {@link #build(String, int[], int, long)}, with the weights and biases drawn by {@code init}. */
    public static Network build(String arch, int[] inputShape, int classes, long seed, Init init) {
        return build(arch, inputShape, classes, seed, init, StateCheck.NONE);
    }

    /**
     * As {@link #build(String, int[], int, long, Init)}, telling {@code check} each layer's state entries
     * before the layer allocates them (a loader refuses an architecture larger than its file this way).
     */
    public static Network build(String arch, int[] inputShape, int classes, long seed, Init init, StateCheck check) {
        if (inputShape.length != 3 && inputShape.length != 1) {
            throw new IllegalArgumentException("input shape must be CxHxW or F, got " + Tensor.shapeString(inputShape));
        }
        for (int d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("input shape must be positive, got " + Tensor.shapeString(inputShape));
            }
        }
        String spec = Architectures.isPreset(arch) ? Architectures.spec(arch, classes) : arch.trim();
        long values = 1;
        for (int d : inputShape) {
            values *= d; // at most three factors under 2^31 each: no wrap before the bound below
            if (values > Builder.MAX_ARRAY) {
                throw new IllegalArgumentException("input shape " + Tensor.shapeString(inputShape) + " holds more values than one array holds");
            }
        }
        Builder.Built built = Builder.build(SpecParser.parse(spec), inputShape, check);
        int[] out = built.shapes().getLast();
        if (out.length != 1) {
            throw new IllegalArgumentException("architecture must end with flat class scores (e.g. fc), ends with "
                    + Tensor.shapeString(out));
        }
        if (classes > 0 && out[0] != classes) {
            throw new IllegalArgumentException("architecture ends with " + out[0] + " outputs but there are "
                    + classes + " classes");
        }
        Network net = new Network(arch.trim(), spec, inputShape, built, seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (Layer l : net.layers) {
            l.init(init, rng);
        }
        return net;
    }

    /** The name or spec it was built from. */
    public String arch() { return arch; }

    /** The full spec (a preset expanded). */
    public String spec() { return spec; }

    public int[] inputShape() { return inputShape.clone(); }

    public int classes() { return shapes.getLast()[0]; }

    public List<Layer> layers() { return layers; }

    /** Training steps taken; part of the state to keep for --resume (it seeds dropout masks). */
    public long steps() { return steps; }

    public void setSteps(long steps) { this.steps = steps; }

    public void setLabelSmoothing(float eps) { loss = new SoftmaxCrossEntropy(eps); }

    public Summary summary() {
        List<Summary.Row> rows = new ArrayList<>();
        long total = 0, trainable = 0;
        for (int i = 0; i < layers.size(); i++) {
            long n = 0;
            for (Param p : layers.get(i).state()) {
                if (p.trainable()) {
                    n += p.value().size();
                }
            }
            rows.add(new Summary.Row(String.valueOf(i), layers.get(i).describe(), shapes.get(i).clone(), n));
            total += n;
            trainable += n;
        }
        return new Summary(inputShape.clone(), rows, total, trainable);
    }

    /** Trainable parameters with their state-dict names, for an optimiser. */
    public List<Param> parameters() {
        List<Param> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer.prefixed(i + ".", layers.get(i).params(), out);
        }
        return out;
    }

    /**
     * Every parameter and buffer by PyTorch state-dict name, in PyTorch's order; the tensors are the
     * live ones (copy to snapshot). {@link #isIntegerState} tells which are int64 in PyTorch.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Param p : layers.get(i).state()) {
                out.put(i + "." + p.name(), p.value());
            }
        }
        return out;
    }

    /** Whether a state-dict entry is an integer counter in PyTorch ({@code num_batches_tracked}, int64). */
    public static boolean isIntegerState(String name) {
        return name.endsWith("num_batches_tracked");
    }

    /** Copies {@code state} into the network; every name must be present with the right size. */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = stateDict();
        for (String name : state.keySet()) {
            if (!mine.containsKey(name)) {
                throw new IllegalArgumentException("unexpected tensor '" + name + "' for this architecture");
            }
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                throw new IllegalArgumentException("missing tensor '" + e.getKey() + "'");
            }
            Tensor dst = e.getValue();
            if (src.size() != dst.size() || (src.rank() > 0 && !Arrays.equals(src.shape, dst.shape))) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has shape " + Tensor.shapeString(src.shape)
                        + ", expected " + Tensor.shapeString(dst.shape));
            }
            dst.copyFrom(src);
        }
    }

    private void checkInput(Tensor x) {
        if (!Arrays.equals(x.sampleShape(), inputShape)) {
            throw new IllegalArgumentException("network expects inputs of " + Tensor.shapeString(inputShape) + ", got "
                    + Tensor.shapeString(x.sampleShape()));
        }
    }

    /** Logits {@code [N, classes]}; the tensor is a reused buffer, valid until the next call. */
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        if (training) {
            for (Layer l : layers) {
                if (l instanceof Dropout d) {
                    d.setStep(steps);
                }
            }
        }
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h, training);
        }
        return h;
    }

    /** Backpropagates dL/dlogits through every layer, writing all parameter gradients. */
    public void backward(Tensor gradLogits) {
        Tensor g = gradLogits;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
    }

    /** Mean loss of {@code logits} for {@code labels} and dL/dlogits, without touching the network. */
    public SoftmaxCrossEntropy loss() { return loss; }

    /**
     * One optimisation step on a batch: forward in training mode, cross-entropy (with the configured
     * label smoothing), backward, {@code optimizer.step()}. A non-finite loss is returned as is, with the
     * weights already updated: the caller stops the run.
     */
    public StepResult trainStep(Tensor x, int[] labels, Optimizer optimizer) {
        Tensor logits = forward(x, true);
        float l = loss.forward(logits, labels);
        int correct = countCorrect(logits, labels);
        backward(loss.backward());
        optimizer.step();
        steps++;
        return new StepResult(l, correct, x.dim(0));
    }

    /** Evaluation-mode logits (running BatchNorm statistics, no dropout); a reused buffer. */
    public Tensor predict(Tensor x) { return forward(x, false); }

    public static int countCorrect(Tensor logits, int[] labels) {
        int c = 0;
        for (int i = 0; i < logits.dim(0); i++) {
            if (SoftmaxCrossEntropy.argmax(logits, i) == labels[i]) {
                c++;
            }
        }
        return c;
    }
}
