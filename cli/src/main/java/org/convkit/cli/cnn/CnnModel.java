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
import org.convkit.cli.model.SafeTensors;
import org.convkit.cnn.nn.Network;
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

    /** Engine tensors from a file's tensors (only those whose names the network has). */
    static Map<String, Tensor> engineTensors(Map<String, SafeTensors.Tensor> file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        file.forEach((name, t) -> {
            int[] shape = Arrays.stream(t.shape()).mapToInt(Math::toIntExact).toArray();
            out.put(name, Tensor.wrap(t.floats(), shape));
        });
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

    /** Reads a model file; an IOException with the reason for a foreign, truncated, damaged or newer file. */
    public static CnnModel load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String format = c.metadata().get("convkit.format");
        if (format == null) {
            throw new IOException("a safetensors file but not a convkit CNN model (no convkit.format metadata)");
        }
        if (!format.equals(FORMAT)) {
            throw new IOException("a convkit '" + format + "' model, not a CNN (" + FORMAT + ")");
        }
        int version = parseInt(c.requireMetadata("convkit.format_version"), "convkit.format_version");
        if (version > VERSION) {
            throw new IOException("model format version " + version + " is newer than this convkit reads (" + VERSION
                    + "); update convkit");
        }
        int[] shape = parseShape(c.requireMetadata("input.shape"));
        float[] mean = floats(c.requireMetadata("normalization.mean"), "normalization.mean");
        float[] std = floats(c.requireMetadata("normalization.std"), "normalization.std");
        List<String> classes;
        try {
            classes = JSON.readValue(c.requireMetadata("classes"), new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IOException("model metadata 'classes' is not a JSON list of names");
        }
        Network net;
        try {
            net = Network.build(c.requireMetadata("arch"), shape, classes.size(), 0);
            net.loadStateDict(engineTensors(c.tensors()));
        } catch (IllegalArgumentException e) {
            throw new IOException("model does not match its architecture: " + e.getMessage());
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
            throw new IOException("model metadata is inconsistent: " + e.getMessage());
        }
    }

    /** "1x28x28" as {1, 28, 28}; an IllegalArgumentException-free IOException otherwise. */
    static int[] parseShape(String s) throws IOException {
        try {
            int[] shape = Arrays.stream(s.trim().toLowerCase(java.util.Locale.ROOT).split("x")).mapToInt(Integer::parseInt).toArray();
            if (shape.length == 3 && Arrays.stream(shape).allMatch(d -> d > 0)) {
                return shape;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IOException("input shape '" + s + "' is not CxHxW");
    }

    private static int parseInt(String s, String key) throws IOException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IOException("model metadata '" + key + "' is not a number: '" + s + "'");
        }
    }

    private static float[] floats(String s, String key) throws IOException {
        try {
            float[] v = JSON.readValue(s, float[].class);
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IOException("model metadata '" + key + "' holds a non-finite value");
                }
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new IOException("model metadata '" + key + "' is not a JSON list of numbers");
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
