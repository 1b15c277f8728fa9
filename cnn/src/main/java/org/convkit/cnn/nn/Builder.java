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

    private Builder() {}

    static Built build(List<LayerSpec> specs, int[] inputShape) {
        List<Layer> layers = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (LayerSpec s : specs) {
            Layer layer;
            try {
                layer = make(s, shape);
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("architecture: layer " + layers.size() + " '" + s + "' on input "
                        + Tensor.shapeString(shape) + ": " + e.getMessage(), e);
            }
            layers.add(layer);
            shapes.add(shape);
        }
        return new Built(layers, shapes);
    }

    private static Layer make(LayerSpec s, int[] in) {
        Args a = new Args(s);
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
                yield new Conv2d(in[0], out, k, k, stride, stride, pad, pad, dil, groups, bias);
            }
            case "maxpool", "avgpool" -> {
                int k = a.intAt(0, "k", 2);
                int stride = a.intKw(k, "stride", "s");
                int pad = a.intKw(0, "pad", "padding", "p");
                yield s.name().equals("maxpool") ? new MaxPool2d(k, stride, pad) : new AvgPool2d(k, stride, pad);
            }
            case "gap", "globalavgpool" -> new GlobalAvgPool2d();
            case "bn", "batchnorm" -> in.length == 3 ? new BatchNorm.BatchNorm2d(in[0])
                    : in.length == 1 ? new BatchNorm.BatchNorm1d(in[0]) : null;
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
                yield new Linear(in[0], a.intAt(0, "out", -1), a.boolKw(true, "bias"));
            }
            case "res", "block", "basicblock" -> {
                requireImage(in);
                yield new BasicBlock(in[0], a.intAt(0, "out", -1), a.intKw(1, "stride", "s"));
            }
            default -> throw new IllegalArgumentException("unknown layer '" + s.name() + "'; known: conv, maxpool, avgpool, gap, "
                    + "bn, relu, leakyrelu, elu, sigmoid, tanh, dropout, flatten, fc, res");
        };
        if (l == null) {
            throw new IllegalArgumentException("bn needs a C x H x W or a flat input");
        }
        a.checkAllUsed();
        return l;
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
