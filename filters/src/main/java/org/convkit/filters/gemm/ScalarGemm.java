package org.convkit.filters.gemm;

/**
 * The specification of {@link Gemm#sgemm}: three plain loops with a double accumulator. Slow; used by
 * tests to check the vector kernel and selectable with {@link Gemm#setVectorized(boolean)}.
 */
public final class ScalarGemm {
    private ScalarGemm() {}

    /** {@code C = op(A) op(B) + beta C} for row-major matrices; {@code beta} is 0 or 1. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int offA, int lda, float[] b, int offB, int ldb,
                             float beta, float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[offA + p * lda + i] : a[offA + i * lda + p];
                    float bv = transB ? b[offB + j * ldb + p] : b[offB + p * ldb + j];
                    s += (double) av * bv;
                }
                int ci = offC + i * ldc + j;
                c[ci] = beta == 0 ? (float) s : (float) (c[ci] + s);
            }
        }
    }

    /** {@code C = A * B} with row p of B at {@code b[offB + bRows[p]]}: the specification of {@link Gemm#sgemmRows}. */
    public static void sgemmRows(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int[] bRows,
                                 float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[offA + i * lda + p] * b[offB + bRows[p] + j];
                }
                c[offC + i * ldc + j] = (float) s;
            }
        }
    }

    /** {@code C (+)= A * B^T} with row j of B at {@code b[offB + bRows[j]]}: the specification of {@link Gemm#sgemmRowsT}. */
    public static void sgemmRowsT(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int[] bRows,
                                  float beta, float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[offA + i * lda + p] * b[offB + bRows[j] + p];
                }
                int ci = offC + i * ldc + j;
                c[ci] = beta == 0 ? (float) s : (float) (c[ci] + s);
            }
        }
    }

    /**
     * {@code C (+)= A * B^T} with row i of A at {@code a[offA + aRows[i]]} and B stored n x k: the
     * specification of {@link Gemm#sgemmRowsA}.
     */
    public static void sgemmRowsA(int m, int n, int k, float[] a, int offA, int[] aRows, float[] b, int offB, int ldb,
                                  float beta, float[] c, int offC, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[offA + aRows[i] + p] * b[offB + j * ldb + p];
                }
                int ci = offC + i * ldc + j;
                c[ci] = beta == 0 ? (float) s : (float) (c[ci] + s);
            }
        }
    }
}
