package org.convkit.cnn.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cnn.layers.Layer;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.tensor.Tensor;

/**
 * The state-dict entries a parameterised layer will create, known from its arguments before it is
 * constructed (construction allocates them). {@link #requireBuilt} holds each plan to the layer that is
 * then built, so a plan that drifts from its layer class fails every build that uses it.
 */
final class StatePlan {
    private StatePlan() {}

    /** As torch.nn.Conv2d: weight {@code [out, in / groups, kh, kw]}, bias {@code [out]}. */
    static Map<String, int[]> conv(String prefix, int in, int out, int kh, int kw, int groups, boolean bias) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(prefix + "weight", new int[] {out, groups == 0 ? 0 : in / groups, kh, kw});
        if (bias) {
            m.put(prefix + "bias", new int[] {out});
        }
        return m;
    }

    /** As torch.nn.BatchNorm1d/2d: weight, bias, running_mean, running_var {@code [features]}, num_batches_tracked a scalar. */
    static Map<String, int[]> batchNorm(String prefix, int features) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (String n : List.of("weight", "bias", "running_mean", "running_var")) {
            m.put(prefix + n, new int[] {features});
        }
        m.put(prefix + "num_batches_tracked", new int[0]);
        return m;
    }

    /** As torch.nn.Linear: weight {@code [out, in]}, bias {@code [out]}. */
    static Map<String, int[]> linear(String prefix, int in, int out, boolean bias) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(prefix + "weight", new int[] {out, in});
        if (bias) {
            m.put(prefix + "bias", new int[] {out});
        }
        return m;
    }

    /** As torchvision's BasicBlock: two 3x3 convolutions with BatchNorm, and a 1x1 projection when the shape changes. */
    static Map<String, int[]> basicBlock(String prefix, int in, int out, int stride) {
        Map<String, int[]> m = new LinkedHashMap<>(conv(prefix + "conv1.", in, out, 3, 3, 1, false));
        m.putAll(batchNorm(prefix + "bn1.", out));
        m.putAll(conv(prefix + "conv2.", out, out, 3, 3, 1, false));
        m.putAll(batchNorm(prefix + "bn2.", out));
        if (stride != 1 || in != out) {
            m.putAll(conv(prefix + "downsample.0.", in, out, 1, 1, 1, false));
            m.putAll(batchNorm(prefix + "downsample.1.", out));
        }
        return m;
    }

    /** Values the entry will hold, in 64 bits; negative when a dimension is not positive (the layer refuses it itself). */
    static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                return -1;
            }
            n *= d; // four dimensions under 2^31 each: cannot wrap a long before one exceeds the bound checked after
            if (n > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** The built layer's state must be the plan, name for name and shape for shape: otherwise the plan is wrong. */
    static void requireBuilt(String prefix, Map<String, int[]> plan, Layer built) {
        Map<String, int[]> actual = new LinkedHashMap<>();
        for (Param p : built.state()) {
            actual.put(prefix + p.name(), p.value().shape.clone());
        }
        boolean same = actual.keySet().equals(plan.keySet())
                && actual.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), plan.get(e.getKey())));
        if (!same) {
            throw new IllegalStateException("StatePlan of " + built.describe() + " is " + describe(plan) + " but the layer holds "
                    + describe(actual));
        }
    }

    static String describe(Map<String, int[]> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(Tensor.shapeString(v)));
        return b.append('}').toString();
    }
}
