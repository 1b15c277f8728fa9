package org.convkit.cnn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row loops' tails (an overlapping whole vector, two half vectors, a scalar loop, or a mask in
 * place) against plain loops, for every length up to a few vectors, at odd offsets, in place and not,
 * bit for bit; nothing outside the row may change.
 */
class LanesTest {
    private final SplittableRandom rnd = new SplittableRandom(5);

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        v[n / 2] = Float.NaN;
        return v;
    }

    private interface Op {
        void run(float[] x, int xo, float[] y, int yo, int n);
    }

    private interface Scalar {
        float apply(float v);
    }

    private void check(String what, Op op, Scalar f) {
        for (int n = 0; n <= 70; n++) {
            for (int xo : new int[] {0, 3}) {
                int yo = 5;
                float[] x = random(n + 80), y = random(n + 80), expect = y.clone();
                for (int i = 0; i < n; i++) {
                    expect[yo + i] = f.apply(x[xo + i]);
                }
                op.run(x, xo, y, yo, n);
                assertRows(what + " n=" + n, expect, y);
                float[] z = random(n + 80), inPlace = z.clone();
                for (int i = 0; i < n; i++) {
                    inPlace[xo + i] = f.apply(z[xo + i]);
                }
                op.run(z, xo, z, xo, n);
                assertRows(what + " in place, n=" + n, inPlace, z);
            }
        }
    }

    private static void assertRows(String what, float[] expect, float[] actual) {
        for (int i = 0; i < expect.length; i++) {
            assertEquals(Float.floatToIntBits(expect[i]), Float.floatToIntBits(actual[i]), what + " at " + i);
        }
    }

    @Test
    void copy() {
        check("copy", Lanes::copy, v -> v);
    }

    @Test
    void affine() {
        check("affine", (x, xo, y, yo, n) -> Lanes.affine(x, xo, y, yo, n, 1.5f, -0.25f), v -> Math.fma(v, 1.5f, -0.25f));
    }

    @Test
    void affineRelu() {
        check("affineRelu", (x, xo, y, yo, n) -> Lanes.affineRelu(x, xo, y, yo, n, -0.5f, 0.125f), v -> {
            float a = Math.fma(v, -0.5f, 0.125f);
            return a > 0f ? a : 0f;
        });
    }

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
            assertEquals(s, Lanes.sum(x, 3, n), tol, "sum n=" + n);
            assertEquals(ss, Lanes.sumSquaredDeviations(x, 3, n, mean), tol, "squared deviations n=" + n);
            double[] out = new double[2];
            Lanes.bnSums(g, 0, x, 3, n, mean, false, scale, shift, out);
            assertEquals(sg, out[0], tol, "bnSums dy n=" + n);
            assertEquals(sgx, out[1], tol, "bnSums dy*(x-mean) n=" + n);
            double[] fused = new double[2], separate = new double[2];
            Lanes.bnSums(g, 0, x, 3, n, mean, true, scale, shift, fused);
            Lanes.bnSums(masked, 0, x, 3, n, mean, false, scale, shift, separate);
            assertEquals(Double.doubleToLongBits(separate[0]), Double.doubleToLongBits(fused[0]), "masked dy n=" + n);
            assertEquals(Double.doubleToLongBits(separate[1]), Double.doubleToLongBits(fused[1]), "masked dy*(x-mean) n=" + n);
        }
    }
}
