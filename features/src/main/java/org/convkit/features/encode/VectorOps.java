package org.convkit.features.encode;

/**
 * Forwards to filters' {@link org.convkit.filters.vector.VectorOps}, the one home of these kernels, for the
 * {@code svm} classes that still import this name; goes once they import filters' class.
 */
public final class VectorOps {
    private VectorOps() {}

    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        return org.convkit.filters.vector.VectorOps.dot(a, ao, b, bo, n);
    }

    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        org.convkit.filters.vector.VectorOps.axpy(alpha, x, xo, y, yo, n);
    }

    public static float squaredNorm(float[] a, int ao, int n) {
        return org.convkit.filters.vector.VectorOps.squaredNorm(a, ao, n);
    }

    public static void l2Normalise(float[] v) { org.convkit.filters.vector.VectorOps.l2Normalise(v); }
}
