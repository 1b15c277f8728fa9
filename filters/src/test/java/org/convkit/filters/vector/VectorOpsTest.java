package org.convkit.filters.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row loops' tails (an overlapping whole vector, two half vectors, a scalar loop, or a mask in
 * place) against plain loops, for every length up to a few vectors, at odd offsets, in place and not,
 * bit for bit; nothing outside the row may change.
 */
class VectorOpsTest {
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
        check("copy", VectorOps::copy, v -> v);
    }

    @Test
    void affine() {
        check("affine", (x, xo, y, yo, n) -> VectorOps.affine(x, xo, y, yo, n, 1.5f, -0.25f), v -> Math.fma(v, 1.5f, -0.25f));
    }

    @Test
    void affineRelu() {
        check("affineRelu", (x, xo, y, yo, n) -> VectorOps.affineRelu(x, xo, y, yo, n, -0.5f, 0.125f), v -> {
            float a = Math.fma(v, -0.5f, 0.125f);
            return a > 0f ? a : 0f;
        });
    }
}
