package org.convkit.cnn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.convkit.filters.vector.VectorOps;
import org.junit.jupiter.api.Test;

/** BatchNorm's sums (and filters' {@link VectorOps#sum}, which its forward pass uses) against plain double sums. */
class BatchNormKernelsTest {
    private final SplittableRandom rnd = new SplittableRandom(5);

    /**
     * The sums (several accumulators, a single-vector loop, a scalar tail) against plain double sums for every
     * length up to a few unrolled blocks; with the ReLU mask, bit for bit what the unmasked sums give on a
     * gradient masked beforehand.
     */
    @Test
    void sums() {
        for (int n = 0; n <= 150; n++) {
            float[] x = new float[n + 3], g = new float[n + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
                g[i] = (float) rnd.nextGaussian();
            }
            float mean = 0.3f, scale = 1.5f, shift = -0.2f;
            double s = 0, ss = 0, sg = 0, sgx = 0, msg = 0, msgx = 0, abs = 1;
            float[] masked = new float[n];
            for (int i = 0; i < n; i++) {
                float v = x[3 + i], d = v - mean;
                s += v;
                ss += (double) d * d;
                sg += g[i];
                sgx += (double) g[i] * d;
                masked[i] = Math.fma(v, scale, shift) > 0f ? g[i] : 0f;
                abs += Math.abs(v) + d * d + Math.abs(g[i] * d);
            }
            double tol = 1e-6 * abs;
            assertEquals(s, VectorOps.sum(x, 3, n), tol, "sum n=" + n);
            assertEquals(ss, BatchNormKernels.sumSquaredDeviations(x, 3, n, mean), tol, "squared deviations n=" + n);
            double[] out = new double[2];
            BatchNormKernels.bnSums(g, 0, x, 3, n, mean, false, scale, shift, out);
            assertEquals(sg, out[0], tol, "bnSums dy n=" + n);
            assertEquals(sgx, out[1], tol, "bnSums dy*(x-mean) n=" + n);
            double[] fused = new double[2], separate = new double[2];
            BatchNormKernels.bnSums(g, 0, x, 3, n, mean, true, scale, shift, fused);
            BatchNormKernels.bnSums(masked, 0, x, 3, n, mean, false, scale, shift, separate);
            assertEquals(Double.doubleToLongBits(separate[0]), Double.doubleToLongBits(fused[0]), "masked dy n=" + n);
            assertEquals(Double.doubleToLongBits(separate[1]), Double.doubleToLongBits(fused[1]), "masked dy*(x-mean) n=" + n);
        }
    }
}
