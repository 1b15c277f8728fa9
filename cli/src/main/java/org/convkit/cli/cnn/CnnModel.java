package org.convkit.cli.cnn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.SafeTensors;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.nn.Summary;
import org.convkit.cnn.tensor.Tensor;

/**
 * A trained network with what is needed to feed it: the per-channel normalisation of its inputs
 * (pixels scaled to [0, 1], then {@code (x - mean) / std}, as torchvision's ToTensor + Normalize) and
 * the class names.
 *
 * <p>The file is safetensors: the network's state dict under PyTorch's names and shapes (F32, and
 * {@code num_batches_tracked} as I64 scalars), so {@code torch.nn.Sequential.load_state_dict} takes it;
 * in {@code __metadata__} the format and its version, the architecture spec, the input shape (CxHxW),
 * the normalisation (JSON arrays) and the class names (a JSON array).
 */
public record CnnModel(Network network, float[] mean, float[] std, List<String> classes, Map<String, String> training) {
    static final String FORMAT = "convkit-cnn";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        meta.put("convkit.format", FORMAT);
        meta.put("convkit.format_version", Integer.toString(VERSION));
        meta.put("arch", network.spec());
        meta.put("arch.name", network.arch());
        meta.put("input.shape", Tensor.shapeString(network.inputShape()));
        meta.put("normalization.mean", json(mean));
        meta.put("normalization.std", json(std));
        meta.put("classes", json(classes));
        training.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> meta.put("training." + e.getKey(), e.getValue()));
        SafeTensors.write(file, tensors(network), meta);
    }

    /**
     * Reads a model file; a {@link ModelFormatException} with the reason for a foreign, truncated, damaged or
     * newer file. The architecture in its metadata is checked layer by layer against the tensors the file
     * holds before the layer is allocated, and the sizes it gives every sample are bounded
     * ({@link #MAX_SAMPLE_VALUES}, {@link #MAX_NETWORK_VALUES}), so a small file cannot make convkit allocate
     * more than a few times its own size.
     */
    public static CnnModel load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String format = c.metadata().get("convkit.format");
        if (format == null) {
            throw new ModelFormatException("a safetensors file but not a convkit CNN model (no convkit.format metadata)");
        }
        if (!format.equals(FORMAT)) {
            throw new ModelFormatException("a convkit '" + format + "' model, not a CNN (" + FORMAT + ")");
        }
        int version = parseInt(c.requireMetadata("convkit.format_version"), "convkit.format_version");
        if (version > VERSION) {
            throw new ModelFormatException("model format version " + version + " is newer than this convkit reads (" + VERSION
                    + "); update convkit");
        }
        int[] shape = parseShape(c.requireMetadata("input.shape"));
        float[] mean = floats(c.requireMetadata("normalization.mean"), "normalization.mean");
        float[] std = floats(c.requireMetadata("normalization.std"), "normalization.std");
        for (float s : std) {
            if (!(s > 0)) {
                throw new ModelFormatException("model metadata 'normalization.std' holds " + s + "; a standard deviation must be positive");
            }
        }
        List<String> classes;
        try {
            classes = JSON.readValue(c.requireMetadata("classes"), new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("model metadata 'classes' is not a JSON list of names");
        }
        if (classes == null || classes.isEmpty() || classes.contains(null)) {
            throw new ModelFormatException("model metadata 'classes' is not a list of names");
        }
        String arch = c.requireMetadata("arch");
        Network net;
        try {
            net = Network.build(arch, shape, classes.size(), 0, Init.HE, entries -> requirePresent(entries, c.tensors()));
            requireBoundedActivations(net);
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
        try {
            return new CnnModel(net, mean, std, classes, training);
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

    private static void requireBoundedActivations(Network net) {
        long total = 0;
        for (int[] s : Stream.concat(Stream.of(net.inputShape()), net.summary().rows().stream().map(Summary.Row::outputShape)).toList()) {
            long values = Arrays.stream(s).asLongStream().reduce(1, Math::multiplyExact);
            if (values > MAX_SAMPLE_VALUES) {
                throw new IllegalArgumentException(Tensor.shapeString(s) + " values per sample (" + values + ") is more than convkit takes ("
                        + MAX_SAMPLE_VALUES + ")");
            }
            total += values;
        }
        if (total > MAX_NETWORK_VALUES) {
            throw new IllegalArgumentException("its layers hold " + total + " values per sample together, more than convkit takes ("
                    + MAX_NETWORK_VALUES + ")");
        }
    }

    private static String describe(int[] shape) { return shape.length == 0 ? "a scalar" : Tensor.shapeString(shape); }

    private static String describe(long[] shape) {
        return shape.length == 0 ? "a scalar" : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }

    /** "1x28x28" as {1, 28, 28}; an IllegalArgumentException-free IOException otherwise. */
    static int[] parseShape(String s) throws ModelFormatException {
        try {
            int[] shape = Arrays.stream(s.trim().toLowerCase(java.util.Locale.ROOT).split("x")).mapToInt(Integer::parseInt).toArray();
            if (shape.length == 3 && Arrays.stream(shape).allMatch(d -> d > 0)) {
                return shape;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ModelFormatException("input shape '" + s + "' is not CxHxW");
    }

    private static int parseInt(String s, String key) throws ModelFormatException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new ModelFormatException("model metadata '" + key + "' is not a number: '" + s + "'");
        }
    }

    private static float[] floats(String s, String key) throws ModelFormatException {
        try {
            float[] v = JSON.readValue(s, float[].class);
            if (v == null) {
                throw new ModelFormatException("model metadata '" + key + "' is not a JSON list of numbers");
            }
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new ModelFormatException("model metadata '" + key + "' holds a non-finite value");
                }
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("model metadata '" + key + "' is not a JSON list of numbers");
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
