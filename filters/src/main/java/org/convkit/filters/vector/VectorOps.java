package org.convkit.filters.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops over contiguous runs of floats, shared by every module: the dense kernels the encoders
 * and the SVM spend their time in (dot with two accumulators, axpy, norms; scalar tails; {@link #dotScalar}
 * is the specification the vector path is tested against), and the row passes of the network layers (sum,
 * copy, affine with an optional ReLU; masked tails). Lanes are added by {@link LaneSums}, in a fixed order.
 */
public final class VectorOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorOps() {}

    /** {@code sum_i a[ao + i] * b[bo + i]} for {@code i < n}. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
        int step = S.length(), i = 0;
        for (int bound = n - 2 * step; i <= bound; i += 2 * step) {
            acc0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc0);
            acc1 = FloatVector.fromArray(S, a, ao + i + step).fma(FloatVector.fromArray(S, b, bo + i + step), acc1);
        }
        float sum = LaneSums.sum(acc0.add(acc1));
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    public static float dotScalar(float[] a, int ao, float[] b, int bo, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    /** {@code y[yo + i] += alpha * x[xo + i]} for {@code i < n}. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** {@code y[yo + i] += alpha * x[xo + i]} for {@code i < n}, in double (fused, so within rounding of {@link #axpyScalar}). */
    public static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        DoubleVector va = DoubleVector.broadcast(D, alpha);
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            DoubleVector.fromArray(D, x, xo + i).fma(va, DoubleVector.fromArray(D, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    public static void axpyScalar(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** Squared Euclidean norm of {@code a[ao .. ao + n)}. */
    public static float squaredNorm(float[] a, int ao, int n) { return dot(a, ao, a, ao, n); }

    /** Scales {@code v} to unit L2 norm in place (all-zero vectors stay zero). */
    public static void l2Normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        if (n > 0) {
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
    }

    /**
     * {@code sum_i a[off + i]} for {@code i < n}: summed in float lanes, the lanes and the tail in double. Four
     * accumulators, added in a fixed order at the end: with one, each add would wait for the previous one (3-4
     * cycles) where the loads allow a vector or two a cycle.
     */
    public static double sum(float[] a, int off, int n) {
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

    /** {@code y = x * scale + shift}. */
    public static void affine(float[] x, int xo, float[] y, int yo, int n, float scale, float shift) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(scale, shift).intoArray(y, yo + i);
        }
        if (i < n) { // masked tail: short rows (28 wide) would spend most of their time in a scalar loop
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).fma(scale, shift).intoArray(y, yo + i, m);
        }
    }

    /** {@code y[yo..yo+n) = x[xo..xo+n)} in vectors with a masked tail: for short rows, cheaper than arraycopy. */
    public static void copy(float[] x, int xo, float[] y, int yo, int n) {
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
    public static void affineRelu(float[] x, int xo, float[] y, int yo, int n, float scale, float shift) {
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
    public static void affine(float[] x, int xo, float[] y, int yo, int n, float scale, float shift, boolean relu) {
        if (relu) {
            affineRelu(x, xo, y, yo, n, scale, shift);
        } else {
            affine(x, xo, y, yo, n, scale, shift);
        }
    }
}
