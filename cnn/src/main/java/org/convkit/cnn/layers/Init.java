package org.convkit.cnn.layers;

import java.util.random.RandomGenerator;
import org.convkit.cnn.tensor.Tensor;

/** Weight initialisation schemes, drawn from a seeded generator so that runs repeat exactly. */
public enum Init {
    /** He et al. 2015 ("kaiming_normal_", fan-in, ReLU gain): N(0, 2 / fanIn). */
    HE,
    /** Glorot & Bengio 2010 ("xavier_uniform_"): U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    XAVIER;

    public void fill(Tensor w, int fanIn, int fanOut, RandomGenerator rng) {
        int n = w.size();
        if (this == HE) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < n; i++) {
                w.set(i, (float) (rng.nextGaussian() * std));
            }
        } else {
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < n; i++) {
                w.set(i, (float) ((rng.nextDouble() * 2 - 1) * a));
            }
        }
    }
}
