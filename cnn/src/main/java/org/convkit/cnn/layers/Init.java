package org.convkit.cnn.layers;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.convkit.cnn.tensor.Tensor;

/**
 * Weight initialisation schemes for the layers with weights ({@link Conv2d}, {@link Linear}), drawn
 * from a seeded generator so that runs repeat exactly. The fan-in of a convolution is
 * {@code in / groups * kh * kw}, of a linear layer its input count. {@link BatchNorm} starts at weight 1
 * and bias 0 under every scheme, as PyTorch's does.
 */
public enum Init {
    /** He et al. 2015 ("kaiming_normal_", fan-in, ReLU gain): N(0, 2 / fanIn); biases 0. */
    HE,
    /** Glorot & Bengio 2010 ("xavier_uniform_"): U(-a, a), a = sqrt(6 / (fanIn + fanOut)); biases 0. */
    XAVIER,
    /**
     * PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear} ({@code reset_parameters}):
     * {@code kaiming_uniform_(w, a=sqrt(5))}, whose bound {@code sqrt(3) * sqrt(2 / (1 + 5)) / sqrt(fanIn)}
     * is U(-1/sqrt(fanIn), 1/sqrt(fanIn)), and biases from the same U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
     * Weight variance 1 / (3 fanIn), a sixth of He's.
     */
    TORCH;

    /** The option value that names this scheme ({@code he}, {@code xavier}, {@code torch}). */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** The scheme named {@code label} (any case); IllegalArgumentException naming the choices otherwise. */
    public static Init parse(String label) {
        for (Init i : values()) {
            if (i.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("--init takes he, xavier or torch, got '" + label + "'");
    }

    /** Fills the weights of a layer with {@code fanIn} inputs and {@code fanOut} outputs per unit. */
    public void fill(Tensor w, int fanIn, int fanOut, RandomGenerator rng) {
        switch (this) {
            case HE -> {
                double std = Math.sqrt(2.0 / fanIn);
                int n = w.size();
                for (int i = 0; i < n; i++) {
                    w.set(i, (float) (rng.nextGaussian() * std));
                }
            }
            case XAVIER -> uniform(w, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            case TORCH -> uniform(w, 1 / Math.sqrt(fanIn), rng);
        }
    }

    /** Fills the bias of the same layer: zeros, or for {@link #TORCH} U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    public void fillBias(Tensor b, int fanIn, RandomGenerator rng) {
        if (this == TORCH) {
            uniform(b, 1 / Math.sqrt(fanIn), rng);
        } else {
            b.fill(0f);
        }
    }

    /** U(-a, a) drawn in double and rounded to float32, so every value lies within +-(float) a. */
    private static void uniform(Tensor t, double a, RandomGenerator rng) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            t.set(i, (float) ((rng.nextDouble() * 2 - 1) * a));
        }
    }
}
