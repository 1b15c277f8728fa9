package org.convkit.cnn.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convkit.cnn.layers.Activation;
import org.convkit.cnn.layers.AvgPool2d;
import org.convkit.cnn.layers.BasicBlock;
import org.convkit.cnn.layers.BatchNorm;
import org.convkit.cnn.layers.Conv2d;
import org.convkit.cnn.layers.Dropout;
import org.convkit.cnn.layers.Flatten;
import org.convkit.cnn.layers.GlobalAvgPool2d;
import org.convkit.cnn.layers.Layer;
import org.convkit.cnn.layers.Linear;
import org.convkit.cnn.layers.MaxPool2d;
import org.convkit.cnn.tensor.Tensor;

/**
 * Turns {@link LayerSpec}s into layers, inferring each layer's input size from the previous output
 * shape (so {@code conv(32,3)} needs no input-channel count and {@code bn} becomes BatchNorm2d or
 * BatchNorm1d). Vocabulary:
 * <pre>
 * conv(out, k, stride=1, pad=0, dilation=1, groups=1, bias=true)   Conv2d
 * maxpool(k, stride=k, pad=0)  avgpool(k, stride=k, pad=0)  gap (global average pooling)
 * bn  relu  leakyrelu(slope=0.01)  elu(alpha=1)  sigmoid  tanh  dropout(p=0.5)  flatten
 * fc(out, bias=true) (or linear)   res(out, stride=1) (ResNet basic block)
 * </pre>
 */
final class Builder {
    record Built(List<Layer> layers, List<int[]> shapes) {}

    /** A layer and the state entries it was planned to create. */
    private record Made(Layer layer, Map<String, int[]> plan) {}

    /**
     * The largest image side, kernel extent, stride and padding a layer takes: far beyond any network this
     * library trains, and small enough that no size computed from them wraps an int.
     */
    static final int MAX_SIDE = 1 << 16;
    /** The most values one Java array (one tensor, one sample's activations) holds. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Builder() {}

    static Built build(List<LayerSpec> specs, int[] inputShape) { return build(specs, inputShape, StateCheck.NONE); }

    /** Builds the layers in order; {@code check} hears each layer's state entries before they are allocated. */
    static Built build(List<LayerSpec> specs, int[] inputShape, StateCheck check) {
        List<Layer> layers = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (LayerSpec s : specs) {
            String prefix = layers.size() + ".";
            Layer layer;
            try {
                requireSides(shape);
                Made made = make(s, shape, prefix, check);
                layer = made.layer();
                StatePlan.requireBuilt(prefix, made.plan(), layer);
                shape = layer.outputShape(shape);
                requireFits(layer, shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("architecture: layer " + layers.size() + " '" + s + "' on input "
                        + Tensor.shapeString(shape) + ": " + e.getMessage(), e);
            }
            layers.add(layer);
            shapes.add(shape);
        }
        return new Built(layers, shapes);
    }

    private static void requireSides(int[] shape) {
        if (shape.length == 3 && (shape[1] > MAX_SIDE || shape[2] > MAX_SIDE)) {
            throw new IllegalArgumentException("images larger than " + MAX_SIDE + " pixels on a side are not supported");
        }
    }

    /** One sample's output, and a convolution's column matrix of one sample, must each fit an array. */
    private static void requireFits(Layer layer, int[] out) {
        long values = 1;
        for (int d : out) {
            if (d <= 0) {
                throw new IllegalArgumentException("gives an empty output " + Tensor.shapeString(out));
            }
            values = Math.multiplyExact(values, d);
        }
        if (values > MAX_ARRAY) {
            throw new IllegalArgumentException("gives " + values + " values per sample, more than one array holds");
        }
        long depth = switch (layer) {
            case Conv2d c -> (long) c.in * c.kh * c.kw;
            case BasicBlock b -> 9L * Math.max(b.in, b.out);
            default -> 0;
        };
        if (depth > 0 && out.length == 3 && depth * out[1] * out[2] > MAX_ARRAY) {
            throw new IllegalArgumentException("its column matrix holds " + depth * out[1] * out[2]
                    + " values per sample, more than one array holds");
        }
    }

    /** Kernel extent, stride and padding of a convolution or pooling window, bounded before any size is computed from them. */
    private static void requireWindow(int kernel, int stride, int pad, int dilation) {
        for (int v : new int[] {kernel, stride, pad, dilation}) {
            if (v > MAX_SIDE) {
                throw new IllegalArgumentException("kernel size, stride, padding and dilation must be at most " + MAX_SIDE + ", got " + v);
            }
        }
        if ((long) dilation * (kernel - 1) + 1 > MAX_SIDE) {
            throw new IllegalArgumentException("the dilated kernel spans " + ((long) dilation * (kernel - 1) + 1) + " pixels, more than "
                    + MAX_SIDE);
        }
    }

    /** Each planned entry must fit one array; then {@code check} hears the plan, before anything is allocated. */
    private static Map<String, int[]> allocating(Map<String, int[]> plan, StateCheck check) {
        for (Map.Entry<String, int[]> e : plan.entrySet()) {
            long n = StatePlan.elements(e.getValue());
            if (n > MAX_ARRAY) {
                throw new IllegalArgumentException("its tensor '" + e.getKey() + "' of " + Tensor.shapeString(e.getValue())
                        + " would hold more values than one array holds");
            }
        }
        check.beforeAllocating(plan);
        return plan;
    }

    private static Made make(LayerSpec s, int[] in, String prefix, StateCheck check) {
        Args a = new Args(s);
        Map<String, int[]> plan = Map.of();
        Layer l = switch (s.name()) {
            case "conv", "conv2d" -> {
                int out = a.intAt(0, "out", -1);
                int k = a.intAt(1, "k", -1);
                int stride = a.intKw(1, "stride", "s");
                int pad = a.intKw(0, "pad", "padding", "p");
                int dil = a.intKw(1, "dilation", "d");
                int groups = a.intKw(1, "groups", "g");
                boolean bias = a.boolKw(true, "bias");
                requireImage(in);
                requireWindow(k, stride, pad, dil);
                a.checkAllUsed();
                plan = allocating(StatePlan.conv(prefix, in[0], out, k, k, groups, bias), check);
                yield new Conv2d(in[0], out, k, k, stride, stride, pad, pad, dil, groups, bias);
            }
            case "maxpool", "avgpool" -> {
                int k = a.intAt(0, "k", 2);
                int stride = a.intKw(k, "stride", "s");
                int pad = a.intKw(0, "pad", "padding", "p");
                requireWindow(k, stride, pad, 1);
                yield s.name().equals("maxpool") ? new MaxPool2d(k, stride, pad) : new AvgPool2d(k, stride, pad);
            }
            case "gap", "globalavgpool" -> new GlobalAvgPool2d();
            case "bn", "batchnorm" -> {
                if (in.length != 3 && in.length != 1) {
                    throw new IllegalArgumentException("bn needs a C x H x W or a flat input");
                }
                a.checkAllUsed();
                plan = allocating(StatePlan.batchNorm(prefix, in[0]), check);
                yield in.length == 3 ? new BatchNorm.BatchNorm2d(in[0]) : new BatchNorm.BatchNorm1d(in[0]);
            }
            case "relu" -> new Activation.ReLU();
            case "leakyrelu" -> new Activation.LeakyReLU((float) a.doubleAt(0, "slope", 0.01));
            case "elu" -> new Activation.ELU((float) a.doubleAt(0, "alpha", 1.0));
            case "sigmoid" -> new Activation.Sigmoid();
            case "tanh" -> new Activation.Tanh();
            case "dropout" -> new Dropout((float) a.doubleAt(0, "p", 0.5));
            case "flatten" -> new Flatten();
            case "fc", "linear" -> {
                if (in.length != 1) {
                    throw new IllegalArgumentException("fc needs a flat input; add flatten before it");
                }
                int out = a.intAt(0, "out", -1);
                boolean bias = a.boolKw(true, "bias");
                a.checkAllUsed();
                plan = allocating(StatePlan.linear(prefix, in[0], out, bias), check);
                yield new Linear(in[0], out, bias);
            }
            case "res", "block", "basicblock" -> {
                requireImage(in);
                int out = a.intAt(0, "out", -1);
                int stride = a.intKw(1, "stride", "s");
                requireWindow(3, stride, 1, 1);
                a.checkAllUsed();
                plan = allocating(StatePlan.basicBlock(prefix, in[0], out, stride), check);
                yield new BasicBlock(in[0], out, stride);
            }
            default -> throw new IllegalArgumentException("unknown layer '" + s.name() + "'; known: conv, maxpool, avgpool, gap, "
                    + "bn, relu, leakyrelu, elu, sigmoid, tanh, dropout, flatten, fc, res");
        };
        a.checkAllUsed();
        return new Made(l, plan);
    }

    private static void requireImage(int[] in) {
        if (in.length != 3) {
            throw new IllegalArgumentException("needs a C x H x W input");
        }
    }

    /** Argument access that remembers what was read, so a misspelt keyword is an error, not ignored. */
    private static final class Args {
        private final LayerSpec spec;
        private final Set<String> used = new HashSet<>();
        private int positionalUsed;

        Args(LayerSpec spec) { this.spec = spec; }

        private String get(int position, String... keys) {
            for (String k : keys) {
                if (spec.keywords().containsKey(k)) {
                    used.add(k);
                    return spec.keywords().get(k);
                }
            }
            if (position >= 0 && position < spec.positional().size()) {
                positionalUsed = Math.max(positionalUsed, position + 1);
                return spec.positional().get(position);
            }
            return null;
        }

        int intAt(int position, String key, int dflt) {
            String v = get(position, key);
            if (v == null) {
                if (dflt < 0) {
                    throw new IllegalArgumentException("missing argument '" + key + "'");
                }
                return dflt;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' must be an integer, got '" + v + "'");
            }
        }

        int intKw(int dflt, String... keys) {
            String v = get(-1, keys);
            try {
                return v == null ? dflt : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + keys[0] + "' must be an integer, got '" + v + "'");
            }
        }

        double doubleAt(int position, String key, double dflt) {
            String v = get(position, key);
            try {
                return v == null ? dflt : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' must be a number, got '" + v + "'");
            }
        }

        boolean boolKw(boolean dflt, String key) {
            String v = get(-1, key);
            if (v == null) {
                return dflt;
            }
            return switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new IllegalArgumentException("'" + key + "' must be true or false, got '" + v + "'");
            };
        }

        void checkAllUsed() {
            if (positionalUsed < spec.positional().size()) {
                throw new IllegalArgumentException("too many arguments");
            }
            for (Map.Entry<String, String> e : spec.keywords().entrySet()) {
                if (!used.contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown argument '" + e.getKey() + "'");
                }
            }
        }
    }
}
