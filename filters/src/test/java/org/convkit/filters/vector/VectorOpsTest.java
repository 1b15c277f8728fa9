package org.convkit.filters.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector loops against their scalar specifications: the row passes' masked tails against plain loops,
 * for every length up to a few vectors, at odd offsets, in place and not, bit for bit (nothing outside the
 * row may change); dot and axpy against {@code dotScalar} and {@code axpyScalar} across their tails.
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

    @Test
    void vectorDotAgreesWithTheScalarSpecification() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 7, 16, 31, 64, 129}) {
            float[] a = new float[n + 3], b = new float[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextGaussian();
            }
            assertEquals(VectorOps.dotScalar(a, 3, b, 5, n), VectorOps.dot(a, 3, b, 5, n), 1e-4);
        }
    }

    @Test
    void vectorAxpyInDoubleMatchesTheScalarSpecification() {
        for (int n : new int[] {0, 1, 7, 8, 65, 266}) {
            SplittableRandom r = new SplittableRandom(n);
            double[] x = r.doubles(n + 3).toArray();
            double[] y = r.doubles(n + 5).toArray();
            double[] z = y.clone();
            VectorOps.axpy(0.37, x, 3, y, 5, n);
            VectorOps.axpyScalar(0.37, x, 3, z, 5, n);
            for (int i = 0; i < y.length; i++) {
                assertEquals(z[i], y[i], 1e-15 * (1 + Math.abs(z[i])), "length " + n + ", index " + i);
            }
        }
    }
}
