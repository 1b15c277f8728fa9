package org.convkit.cli.cnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.convkit.io.model.InputShape;
import org.convkit.io.model.ModelEnvelope;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.ModelKind;
import org.convkit.io.model.SafeTensors;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.nn.SampleValues;
import org.convkit.cnn.tensor.Tensor;

/**
 * A trained network with what is needed to feed it: the per-channel normalisation of its inputs
 * (pixels scaled to [0, 1], then {@code (x - mean) / std}, as torchvision's ToTensor + Normalize) and
 * the class names.
 *
 * <p>The file is safetensors: the network's state dict under PyTorch's names and shapes (F32, and
 * {@code num_batches_tracked} as I64 scalars), so {@code torch.nn.Sequential.load_state_dict} takes it;
 * in {@code __metadata__} the {@link ModelEnvelope} (format, version, CRC, class names, input shape and
 * normalisation), then the architecture spec ({@code arch}, {@code arch.name}) and the training entries. A model
 * trained with {@code --resize N} records N as {@code training.resize}: its inputs, of any size, are resized to
 * its NxN input before the normalisation.
 */
public record CnnModel(Network network, float[] mean, float[] std, List<String> classes, Map<String, String> training) {
    /** Version 2 is the first with the {@link ModelEnvelope}: a CRC, and the input shape as width, height and channels. */
    static final ModelKind KIND = new ModelKind("convkit-cnn", "CNN", 1, 2, 2);
    /** The training setting that says every input is resized to the network's input side. */
    static final String RESIZE = "resize";

    public CnnModel {
        int c = network.inputShape()[0];
        if (mean.length != c || std.length != c) {
            throw new IllegalArgumentException("normalisation needs one mean and std per input channel (" + c + ")");
        }
        if (classes.size() != network.classes()) {
            throw new IllegalArgumentException(classes.size() + " class names for " + network.classes() + " outputs");
        }
        classes = List.copyOf(classes);
        training = Map.copyOf(training);
    }

    public int[] inputShape() { return network.inputShape(); }

    /** Whether inputs of any size are resized to {@link #inputShape()} ({@code cnn train --resize}), rather than taken only at that size. */
    public boolean resizesInputs() { return training.containsKey(RESIZE); }

    /** The state dict as safetensors tensors (snapshots, in PyTorch's order). */
    static Map<String, SafeTensors.Tensor> tensors(Network net) {
        Map<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        net.stateDict().forEach((name, t) -> out.put(name, Network.isIntegerState(name)
                ? SafeTensors.Tensor.ofLongs(longs(t), longShape(t.shape))
                : SafeTensors.Tensor.ofFloats(t.toArray(), longShape(t.shape))));
        return out;
    }

    /** Engine tensors from a file's tensors; a dimension beyond an int (possible only beside a 0) is a format error. */
    static Map<String, Tensor> engineTensors(Map<String, SafeTensors.Tensor> file) throws ModelFormatException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, SafeTensors.Tensor> e : file.entrySet()) {
            long[] dims = e.getValue().shape();
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] > Integer.MAX_VALUE) {
                    throw new ModelFormatException("tensor '" + e.getKey() + "' has a dimension of " + dims[i] + ", more than convkit's tensors take");
                }
                shape[i] = (int) dims[i];
            }
            out.put(e.getKey(), Tensor.wrap(e.getValue().floats(), shape));
        }
        return out;
    }

    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("arch", network.spec());
        meta.put("arch.name", network.arch());
        training.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> meta.put("training." + e.getKey(), e.getValue()));
        new ModelEnvelope(classes, InputShape.ofChw(network.inputShape()), mean, std).write(file, KIND, tensors(network), meta);
    }

    /**
     * Reads a model file; a {@link ModelFormatException} with the reason for a foreign, truncated, damaged or
     * newer file. The architecture in its metadata is checked layer by layer against the tensors the file
     * holds before the layer is allocated, and the sizes it gives every sample are bounded
     * ({@link #MAX_SAMPLE_VALUES}, {@link #MAX_NETWORK_VALUES}), so a small file cannot make convkit allocate
     * more than a few times its own size.
     */
    public static CnnModel load(Path file) throws IOException {
        ModelEnvelope.Contents c = ModelEnvelope.read(file, KIND);
        ModelEnvelope envelope = c.envelope();
        if (!envelope.normalised()) {
            throw new ModelFormatException("model file has no metadata entry 'normalization.mean'");
        }
        List<String> classes = envelope.classes();
        int[] shape = envelope.input().chw();
        String arch = c.require("arch");
        Network net;
        try {
            net = Network.build(arch, shape, classes.size(), 0, Init.HE, entries -> requirePresent(entries, c.tensors()));
            SampleValues.requireAtMost(net, MAX_SAMPLE_VALUES, MAX_NETWORK_VALUES);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("model architecture refused: " + e.getMessage());
        }
        Map<String, Tensor> state = engineTensors(c.tensors());
        try {
            net.loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("model does not match its architecture: " + e.getMessage());
        }
        Map<String, String> training = new LinkedHashMap<>();
        c.metadata().forEach((k, v) -> {
            if (k.startsWith("training.")) {
                training.put(k.substring("training.".length()), v);
            }
        });
        String resize = training.get(RESIZE);
        if (resize != null && (shape[1] != shape[2] || !resize.equals(Integer.toString(shape[1])))) {
            throw new ModelFormatException("model metadata 'training." + RESIZE + "' is '" + resize + "', but the input is "
                    + Tensor.shapeString(shape));
        }
        try {
            return new CnnModel(net, envelope.mean(), envelope.std(), classes, training);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("model metadata is inconsistent: " + e.getMessage());
        }
    }

    /**
     * The most values one sample may take in the input or in any layer's output, 16 MB of floats (a 2364x2364
     * RGB image; networks here take 28x28 to 32x32), so that a batch of samples stays within memory.
     */
    static final long MAX_SAMPLE_VALUES = 1L << 24;
    /** The most values one sample may take over all layers' outputs together (each layer keeps its output). */
    static final long MAX_NETWORK_VALUES = 1L << 27;

    /** Each entry a layer is about to allocate must be in the file with that shape (a scalar may be stored as a 1-value tensor or vice versa, as {@link Network#loadStateDict} takes it). */
    private static void requirePresent(Map<String, int[]> entries, Map<String, SafeTensors.Tensor> file) {
        for (Map.Entry<String, int[]> e : entries.entrySet()) {
            SafeTensors.Tensor t = file.get(e.getKey());
            int[] wanted = e.getValue();
            if (t == null) {
                throw new IllegalArgumentException("the file has no tensor '" + e.getKey() + "' (" + describe(wanted) + ")");
            }
            boolean same = t.shape().length == 0 ? Arrays.stream(wanted).allMatch(d -> d == 1)
                    : Arrays.equals(t.shape(), Arrays.stream(wanted).asLongStream().toArray());
            if (!same) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' is " + describe(t.shape()) + " in the file, the architecture makes it "
                        + describe(wanted));
            }
        }
    }

    private static String describe(int[] shape) { return shape.length == 0 ? "a scalar" : Tensor.shapeString(shape); }

    private static String describe(long[] shape) {
        return shape.length == 0 ? "a scalar" : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) t.get(i);
        }
        return v;
    }

    static long[] longShape(int[] shape) { return Arrays.stream(shape).asLongStream().toArray(); }
}
