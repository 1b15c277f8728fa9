package org.convkit.cnn.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.vector.LaneSums;
import org.convkit.filters.vector.VectorOps;

/**
 * BatchNorm's own Vector API passes over one channel's contiguous run of floats (statistics, the fused
 * ReLU, the input gradient); the generic ones (sum, copy, affine) are filters' {@link VectorOps}. Sums are
 * kept in vector lanes and the lanes added in a fixed order ({@link LaneSums}, never {@code reduceLanes},
 * whose order is unspecified), so results repeat bit for bit.
 */
final class BatchNormKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BatchNormKernels() {}

    static double sumSquaredDeviations(float[] a, int off, int n, float mean) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, a, off + i).sub(mean);
            acc = d.fma(d, acc);
        }
        double s = i == 0 ? 0 : LaneSums.sumAsDouble(acc);
        for (; i < n; i++) {
            double d = a[off + i] - mean;
            s += d * d;
        }
        return s;
    }

    /** {@code sum(g * (x - mean))}. */
    static double dotCentred(float[] g, int go, float[] x, int xo, int n, float mean) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            acc = FloatVector.fromArray(S, x, xo + i).sub(mean).fma(FloatVector.fromArray(S, g, go + i), acc);
        }
        double s = i == 0 ? 0 : LaneSums.sumAsDouble(acc);
        for (; i < n; i++) {
            s += (double) g[go + i] * (x[xo + i] - mean);
        }
        return s;
    }

    /**
     * {@code out = {sum(g'), sum(g' * (x - mean))}} in one pass, where {@code g' = g} if {@code relu} is
     * false, else g where the fused ReLU let the forward value through ({@code fma(x, scale, shift) > 0}, the
     * value {@link VectorOps#affineRelu} computed) and 0 elsewhere. Equals {@link VectorOps#sum} and {@link #dotCentred} of g'
     * bit for bit (a masked lane adds an exact zero).
     */
    static void bnSums(float[] g, int go, float[] x, int xo, int n, float mean, boolean relu, float scale, float shift,
                       double[] out) {
        FloatVector accG = FloatVector.zero(S), accGx = FloatVector.zero(S), zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(S, x, xo + i);
            FloatVector gv = FloatVector.fromArray(S, g, go + i);
            if (relu) {
                gv = zero.blend(gv, xv.fma(scale, shift).compare(VectorOperators.GT, 0f));
            }
            accG = accG.add(gv);
            accGx = xv.sub(mean).fma(gv, accGx);
        }
        double sg = i == 0 ? 0 : LaneSums.sumAsDouble(accG), sgx = i == 0 ? 0 : LaneSums.sumAsDouble(accGx);
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

    /** {@code d = g' * k} ({@link VectorOps#affine} with shift 0) of the masked {@code g'} of {@link #bnSums}: evaluation. */
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

}
