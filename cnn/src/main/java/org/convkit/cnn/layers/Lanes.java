package org.convkit.cnn.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.vector.LaneSums;

/**
 * Vector API loops over one contiguous run of floats, for the per-channel passes of BatchNorm. Sums are
 * kept in vector lanes and the lanes added in a fixed order (never {@code reduceLanes}, whose order is
 * unspecified), so results repeat bit for bit. Sums run in several accumulators (four; two for each of
 * {@link #bnSums}'s two sums), added in a fixed order at the end: with one, each add would wait for the
 * previous one (3-4 cycles) where the loads allow a vector or two a cycle.
 */
final class Lanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Lanes() {}

    static double sum(float[] a, int off, int n) {
        FloatVector z = FloatVector.zero(S), a0 = z, a1 = z, a2 = z, a3 = z;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, a, off + i));
            a1 = a1.add(FloatVector.fromArray(S, a, off + i + L));
            a2 = a2.add(FloatVector.fromArray(S, a, off + i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, a, off + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            a0 = a0.add(FloatVector.fromArray(S, a, off + i));
        }
        double s = i == 0 ? 0 : LaneSums.sumAsDouble(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    static double sumSquaredDeviations(float[] a, int off, int n, float mean) {
        FloatVector z = FloatVector.zero(S), a0 = z, a1 = z, a2 = z, a3 = z;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            FloatVector d0 = FloatVector.fromArray(S, a, off + i).sub(mean);
            FloatVector d1 = FloatVector.fromArray(S, a, off + i + L).sub(mean);
            FloatVector d2 = FloatVector.fromArray(S, a, off + i + 2 * L).sub(mean);
            FloatVector d3 = FloatVector.fromArray(S, a, off + i + 3 * L).sub(mean);
            a0 = d0.fma(d0, a0);
            a1 = d1.fma(d1, a1);
            a2 = d2.fma(d2, a2);
            a3 = d3.fma(d3, a3);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, a, off + i).sub(mean);
            a0 = d.fma(d, a0);
        }
        double s = i == 0 ? 0 : LaneSums.sumAsDouble(a0.add(a1).add(a2.add(a3)));
        for (; i < n; i++) {
            double d = a[off + i] - mean;
            s += d * d;
        }
        return s;
    }

    /** {@code y = x * scale + shift}. */
    static void affine(float[] x, int xo, float[] y, int yo, int n, float scale, float shift) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(scale, shift).intoArray(y, yo + i);
        }
        if (i < n) { // masked tail: short rows (28 wide) would spend most of their time in a scalar loop
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).fma(scale, shift).intoArray(y, yo + i, m);
        }
    }

    /**
     * {@code out = {sum(g'), sum(g' * (x - mean))}} in one pass, where {@code g' = g} if {@code relu} is
     * false, else g where the fused ReLU let the forward value through ({@code fma(x, scale, shift) > 0}, the
     * value {@link #affineRelu} computed) and 0 elsewhere; with {@code relu}, the same sums, bit for bit, as
     * without it on a g' masked beforehand (a masked lane adds an exact zero).
     */
    static void bnSums(float[] g, int go, float[] x, int xo, int n, float mean, boolean relu, float scale, float shift,
                       double[] out) {
        FloatVector zero = FloatVector.zero(S), g0 = zero, g1 = zero, gx0 = zero, gx1 = zero;
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            FloatVector xv0 = FloatVector.fromArray(S, x, xo + i), xv1 = FloatVector.fromArray(S, x, xo + i + L);
            FloatVector gv0 = FloatVector.fromArray(S, g, go + i), gv1 = FloatVector.fromArray(S, g, go + i + L);
            if (relu) {
                gv0 = zero.blend(gv0, xv0.fma(scale, shift).compare(VectorOperators.GT, 0f));
                gv1 = zero.blend(gv1, xv1.fma(scale, shift).compare(VectorOperators.GT, 0f));
            }
            g0 = g0.add(gv0);
            g1 = g1.add(gv1);
            gx0 = xv0.sub(mean).fma(gv0, gx0);
            gx1 = xv1.sub(mean).fma(gv1, gx1);
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xo + i);
            FloatVector gv = FloatVector.fromArray(S, g, go + i);
            if (relu) {
                gv = zero.blend(gv, xv.fma(scale, shift).compare(VectorOperators.GT, 0f));
            }
            g0 = g0.add(gv);
            gx0 = xv.sub(mean).fma(gv, gx0);
        }
        double sg = i == 0 ? 0 : LaneSums.sumAsDouble(g0.add(g1)), sgx = i == 0 ? 0 : LaneSums.sumAsDouble(gx0.add(gx1));
        for (; i < n; i++) {
            float gi = !relu || Math.fma(x[xo + i], scale, shift) > 0f ? g[go + i] : 0f;
            sg += gi;
            sgx += (double) gi * (x[xo + i] - mean);
        }
        out[0] += sg;
        out[1] += sgx;
    }

    /** {@link #bnBackward} of the masked {@code g'} of {@link #bnSums} (a ReLU fused into BatchNorm). */
    static void bnBackwardRelu(float[] g, int go, float[] x, int xo, float[] d, int dOff, int n, float k, float a, float q,
                               float mean, float scale, float shift) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xo + i);
            FloatVector gv = zero.blend(FloatVector.fromArray(S, g, go + i), xv.fma(scale, shift).compare(VectorOperators.GT, 0f));
            gv.sub(a).sub(xv.sub(mean).mul(q)).mul(k).intoArray(d, dOff + i);
        }
        for (; i < n; i++) {
            float gi = Math.fma(x[xo + i], scale, shift) > 0f ? g[go + i] : 0f;
            d[dOff + i] = k * (gi - a - (x[xo + i] - mean) * q);
        }
    }

    /** {@code d = g' * k} ({@link #affine} with shift 0) of the masked {@code g'} of {@link #bnSums}: evaluation. */
    static void scaleRelu(float[] g, int go, float[] x, int xo, float[] d, int dOff, int n, float k, float scale, float shift) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xo + i);
            zero.blend(FloatVector.fromArray(S, g, go + i), xv.fma(scale, shift).compare(VectorOperators.GT, 0f))
                    .fma(k, 0f).intoArray(d, dOff + i);
        }
        for (; i < n; i++) {
            float gi = Math.fma(x[xo + i], scale, shift) > 0f ? g[go + i] : 0f;
            d[dOff + i] = Math.fma(gi, k, 0f);
        }
    }

    /** {@code d = k * (g - a - (x - mean) * q)}: BatchNorm's input gradient in training. */
    static void bnBackward(float[] g, int go, float[] x, int xo, float[] d, int dOff, int n, float k, float a, float q,
                           float mean) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector xc = FloatVector.fromArray(S, x, xo + i).sub(mean);
            FloatVector.fromArray(S, g, go + i).sub(a).sub(xc.mul(q)).mul(k).intoArray(d, dOff + i);
        }
        for (; i < n; i++) {
            d[dOff + i] = k * (g[go + i] - a - (x[xo + i] - mean) * q);
        }
    }

    /** {@code y[yo..yo+n) = x[xo..xo+n)} in vectors with a masked tail: for short rows, cheaper than arraycopy. */
    static void copy(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).intoArray(y, yo + i, m);
        }
    }

    /** {@code y = max(0, x * scale + shift)}: a layer with the ReLU that follows it fused in. */
    static void affineRelu(float[] x, int xo, float[] y, int yo, int n, float scale, float shift) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i).fma(scale, shift);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i);
        }
        if (i < n) { // masked tail, as affine
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m).fma(scale, shift);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yo + i, m);
        }
    }

    /** {@link #affine} or {@link #affineRelu}. */
    static void affine(float[] x, int xo, float[] y, int yo, int n, float scale, float shift, boolean relu) {
        if (relu) {
            affineRelu(x, xo, y, yo, n, scale, shift);
        } else {
            affine(x, xo, y, yo, n, scale, shift);
        }
    }
}
