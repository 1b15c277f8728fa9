package org.convkit.features.gist;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A B} in double, row-major with leading dimensions, for {@link GaussianLowpass}'s products
 * (a few hundred rows by 65 basis functions). {@link #multiplyScalar} is the specification: each
 * {@code c_ij} is {@code fma}-accumulated over k in order from 0; {@link #multiply} does the same per
 * lane, four rows by two vectors of columns at a time (eight accumulators kept in registers, each
 * broadcast of A used twice, each load of B four times; the last columns by masked vectors), so the
 * two agree bit for bit.
 */
final class DoubleProducts {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();

    private DoubleProducts() {}

    /** {@code c[co + i ldc + j] = sum_k a[ao + i lda + k] b[bo + k ldb + j]}, i < m, j < n, k < depth. */
    static void multiply(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc,
                         int m, int n, int depth) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                DoubleVector c00 = DoubleVector.zero(D);
                DoubleVector c01 = DoubleVector.zero(D);
                DoubleVector c10 = DoubleVector.zero(D);
                DoubleVector c11 = DoubleVector.zero(D);
                DoubleVector c20 = DoubleVector.zero(D);
                DoubleVector c21 = DoubleVector.zero(D);
                DoubleVector c30 = DoubleVector.zero(D);
                DoubleVector c31 = DoubleVector.zero(D);
                int ar = ao + i * lda;
                for (int k = 0; k < depth; k++) {
                    int br = bo + k * ldb + j;
                    DoubleVector b0 = DoubleVector.fromArray(D, b, br);
                    DoubleVector b1 = DoubleVector.fromArray(D, b, br + L);
                    DoubleVector x = DoubleVector.broadcast(D, a[ar + k]);
                    c00 = x.fma(b0, c00);
                    c01 = x.fma(b1, c01);
                    x = DoubleVector.broadcast(D, a[ar + lda + k]);
                    c10 = x.fma(b0, c10);
                    c11 = x.fma(b1, c11);
                    x = DoubleVector.broadcast(D, a[ar + 2 * lda + k]);
                    c20 = x.fma(b0, c20);
                    c21 = x.fma(b1, c21);
                    x = DoubleVector.broadcast(D, a[ar + 3 * lda + k]);
                    c30 = x.fma(b0, c30);
                    c31 = x.fma(b1, c31);
                }
                int cr = co + i * ldc + j;
                c00.intoArray(c, cr);
                c01.intoArray(c, cr + L);
                c10.intoArray(c, cr + ldc);
                c11.intoArray(c, cr + ldc + L);
                c20.intoArray(c, cr + 2 * ldc);
                c21.intoArray(c, cr + 2 * ldc + L);
                c30.intoArray(c, cr + 3 * ldc);
                c31.intoArray(c, cr + 3 * ldc + L);
            }
            for (; j < n; j += L) { // the last columns, a vector (masked at the end) at a time
                VectorMask<Double> in = D.indexInRange(j, n);
                DoubleVector c0 = DoubleVector.zero(D);
                DoubleVector c1 = DoubleVector.zero(D);
                DoubleVector c2 = DoubleVector.zero(D);
                DoubleVector c3 = DoubleVector.zero(D);
                int ar = ao + i * lda;
                for (int k = 0; k < depth; k++) {
                    DoubleVector b0 = DoubleVector.fromArray(D, b, bo + k * ldb + j, in);
                    c0 = DoubleVector.broadcast(D, a[ar + k]).fma(b0, c0);
                    c1 = DoubleVector.broadcast(D, a[ar + lda + k]).fma(b0, c1);
                    c2 = DoubleVector.broadcast(D, a[ar + 2 * lda + k]).fma(b0, c2);
                    c3 = DoubleVector.broadcast(D, a[ar + 3 * lda + k]).fma(b0, c3);
                }
                int cr = co + i * ldc + j;
                c0.intoArray(c, cr, in);
                c1.intoArray(c, cr + ldc, in);
                c2.intoArray(c, cr + 2 * ldc, in);
                c3.intoArray(c, cr + 3 * ldc, in);
            }
        }
        for (; i < m; i++) { // the last rows, one vector of columns at a time
            int j = 0;
            for (; j + L <= n; j += L) {
                DoubleVector acc = DoubleVector.zero(D);
                for (int k = 0; k < depth; k++) {
                    acc = DoubleVector.broadcast(D, a[ao + i * lda + k]).fma(DoubleVector.fromArray(D, b, bo + k * ldb + j), acc);
                }
                acc.intoArray(c, co + i * ldc + j);
            }
            multiplyScalar(a, ao, lda, b, bo, ldb, c, co, ldc, i, i + 1, j, n, depth);
        }
    }

    /** The specification, for rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
    static void multiplyScalar(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc,
                               int i0, int i1, int j0, int j1, int depth) {
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                double acc = 0;
                for (int k = 0; k < depth; k++) {
                    acc = Math.fma(a[ao + i * lda + k], b[bo + k * ldb + j], acc);
                }
                c[co + i * ldc + j] = acc;
            }
        }
    }
}
