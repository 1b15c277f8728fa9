package org.convkit.filters.gemm;

import org.convkit.filters.parallel.Parallel;

/**
 * Single-precision matrix multiply {@code C = op(A) op(B) (+ C)} on row-major arrays, the engine under
 * convolution and linear layers. The vector path ({@link VectorGemm} + {@link MicroKernel}, or
 * {@link DotGemm} for a small {@code A * B^T} over a long k) is the default; {@link ScalarGemm} is its
 * specification. Large products are split over
 * {@link Parallel} by C's columns when it is at least twice as wide as tall, else by its rows (each thread
 * then packs only its part of A; B's vector pack is the cheaper one), in contiguous tile-aligned ranges, so each element
 * of C is computed by one thread in a fixed order: results do not depend on the thread count.
 */
public final class Gemm {
    /** Below this many multiply-adds one thread is faster than waking another. */
    private static final long PARALLEL_MIN_WORK = 1L << 18;
    /** A small C over a long k (a weight gradient) is faster as dot products than packed (measured). */
    static final long DOT_MAX_OUTPUT = 6000;
    private static final int DOT_MIN_DEPTH = 128;
    private static volatile boolean vectorized = true;

    private Gemm() {}

    /** Chooses the vector kernel (default) or the scalar reference; for tests and benchmarks. */
    public static void setVectorized(boolean on) { vectorized = on; }

    public static boolean vectorized() { return vectorized; }

    /**
     * {@code C[m x n] = op(A)[m x k] * op(B)[k x n] + beta * C} with {@code beta} 0 or 1; {@code op(A)}
     * is A ({@code lda} >= k) or, when {@code transA}, the transpose of a k x m matrix ({@code lda} >= m);
     * likewise for B.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int offA, int lda, float[] b, int offB, int ldb,
                             float beta, float[] c, int offC, int ldc) {
        if (beta != 0f && beta != 1f) {
            throw new IllegalArgumentException("beta must be 0 or 1, got " + beta);
        }
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (beta == 0f) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, offC + i * ldc, offC + i * ldc + n, 0f);
                }
            }
            return;
        }
        if (!vectorized) {
            ScalarGemm.sgemm(transA, transB, m, n, k, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
            return;
        }
        boolean acc = beta != 0f;
        long work = (long) m * n * k;
        int threads = Parallel.threads();
        if (!transA && transB && prefersDot(m, n, k)) {
            dot(m, n, k, a, offA, lda, b, offB, ldb, acc, c, offC, ldc, threads > 1 && work >= PARALLEL_MIN_WORK);
        } else if (threads == 1 || work < PARALLEL_MIN_WORK) {
            VectorGemm.sgemm(transA, transB, m, n, k, a, offA, lda, b, offB, ldb, acc, c, offC, ldc);
        } else if (n >= 2 * m) { // square-ish: by rows, so that each thread packs half of A (B's vector pack is the cheap one)
            int tiles = (n + MicroKernel.NR - 1) / MicroKernel.NR;
            Parallel.forRange(tiles, 1, (t0, t1) -> {
                int j0 = t0 * MicroKernel.NR;
                int j1 = Math.min(n, t1 * MicroKernel.NR);
                VectorGemm.sgemm(transA, transB, m, j1 - j0, k, a, offA, lda,
                        b, offB + (transB ? j0 * ldb : j0), ldb, acc, c, offC + j0, ldc);
            });
        } else {
            int tiles = (m + MicroKernel.MR - 1) / MicroKernel.MR;
            Parallel.forRange(tiles, 1, (t0, t1) -> {
                int i0 = t0 * MicroKernel.MR;
                int i1 = Math.min(m, t1 * MicroKernel.MR);
                VectorGemm.sgemm(transA, transB, i1 - i0, n, k, a, offA + (transA ? i0 : i0 * lda), lda,
                        b, offB, ldb, acc, c, offC + i0 * ldc, ldc);
            });
        }
    }

    /**
     * {@code C[m x n] = A[m x k] * B} where row p of B is {@code b[offB + bRows[p] ...]}: rows may overlap,
     * which lets a convolution read shifted views of one padded image instead of an im2col copy.
     */
    public static void sgemmRows(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int[] bRows,
                                 float[] c, int offC, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (!vectorized || k <= 0) {
            ScalarGemm.sgemmRows(m, n, k, a, offA, lda, b, offB, bRows, c, offC, ldc);
            return;
        }
        rows(m, n, k, a, offA, lda, null, b, offB, bRows, c, offC, ldc);
    }

    /** The vector {@link #sgemmRows}, split by C's columns over the threads; A as given or packed. */
    private static void rows(int m, int n, int k, float[] a, int offA, int lda, float[] packedA, float[] b, int offB,
                             int[] bRows, float[] c, int offC, int ldc) {
        if (Parallel.threads() == 1 || (long) m * n * k < PARALLEL_MIN_WORK) {
            VectorGemm.sgemm(false, false, m, n, k, a, offA, lda, packedA, b, offB, 0, bRows, false, c, offC, ldc);
            return;
        }
        int tiles = (n + MicroKernel.NR - 1) / MicroKernel.NR;
        Parallel.forRange(tiles, 1, (t0, t1) -> {
            int j0 = t0 * MicroKernel.NR;
            int j1 = Math.min(n, t1 * MicroKernel.NR);
            VectorGemm.sgemm(false, false, m, j1 - j0, k, a, offA, lda, packedA, b, offB + j0, 0, bRows, false, c, offC + j0, ldc);
        });
    }

    /**
     * A left operand packed once for many products with it (a convolution's weights over a batch), so that
     * {@link #sgemmRows(PackedA, int, float[], int, int[], float[], int, int)} does not pack it on every call.
     * Valid while A's values stay as they were when packed.
     */
    public static final class PackedA {
        private int m, k, offA, lda;
        private float[] a, panels;

        public int rows() { return m; }

        public int depth() { return k; }
    }

    /** Packs {@code A[m x k]} (row-major, {@code lda} >= k) into {@code reuse} (or a new one when null). */
    public static PackedA packA(PackedA reuse, int m, int k, float[] a, int offA, int lda) {
        PackedA p = reuse != null ? reuse : new PackedA();
        p.m = m;
        p.k = k;
        p.a = a;
        p.offA = offA;
        p.lda = lda;
        p.panels = vectorized && m > 0 && k > 0 ? VectorGemm.packWholeA(m, k, a, offA, lda, p.panels) : p.panels;
        return p;
    }

    /** {@link #sgemmRows(int, int, int, float[], int, int, float[], int, int[], float[], int, int)} with a packed A. */
    public static void sgemmRows(PackedA a, int n, float[] b, int offB, int[] bRows, float[] c, int offC, int ldc) {
        int m = a.m, k = a.k;
        if (m <= 0 || n <= 0) {
            return;
        }
        if (!vectorized || k <= 0 || a.panels == null) {
            ScalarGemm.sgemmRows(m, n, k, a.a, a.offA, a.lda, b, offB, bRows, c, offC, ldc);
            return;
        }
        rows(m, n, k, a.a, a.offA, a.lda, a.panels, b, offB, bRows, c, offC, ldc);
    }

    /**
     * {@code C[m x n] (+)= A[m x k] * B^T} where row j of B (k values) is {@code b[offB + bRows[j] ...]}: a
     * convolution's weight gradient, dY against shifted views of the padded image. {@code beta} is 0 or 1.
     */
    public static void sgemmRowsT(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int[] bRows,
                                  float beta, float[] c, int offC, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (!vectorized || k <= 0) {
            ScalarGemm.sgemmRowsT(m, n, k, a, offA, lda, b, offB, bRows, beta, c, offC, ldc);
            return;
        }
        VectorGemm.sgemm(false, true, m, n, k, a, offA, lda, b, offB, 0, bRows, beta != 0f, c, offC, ldc);
    }

    /**
     * {@code C[m x n] (+)= A * B^T} where row i of A (k values) is {@code a[offA + aRows[i] ...]} and B is
     * stored n x k with row stride {@code ldb}: a convolution's transposed weight gradient
     * ({@code dW^T = cols * dY^T}) with the column matrix read as shifted views of a padded image. Only B is
     * packed, so this beats {@link #sgemmRowsT} ({@code dW = dY * cols^T}, which gathers the whole column
     * matrix into panels) when the output is too large for dot products ({@link #prefersDot}). One thread.
     * {@code beta} is 0 or 1.
     */
    public static void sgemmRowsA(int m, int n, int k, float[] a, int offA, int[] aRows, float[] b, int offB, int ldb,
                                  float beta, float[] c, int offC, int ldc) {
        if (beta != 0f && beta != 1f) {
            throw new IllegalArgumentException("beta must be 0 or 1, got " + beta);
        }
        if (m <= 0 || n <= 0) {
            return;
        }
        if (!vectorized || k <= 0) {
            ScalarGemm.sgemmRowsA(m, n, k, a, offA, aRows, b, offB, ldb, beta, c, offC, ldc);
            return;
        }
        VectorGemm.sgemmRowsA(m, n, k, a, offA, aRows, b, offB, ldb, beta != 0f, c, offC, ldc);
    }

    /**
     * Whether {@code A[m x k] * B^T} runs as dot products ({@link DotGemm}, a small output over a long k), the
     * case where {@link #sgemmRowsT} is the faster of the two row-table forms of a weight gradient.
     */
    public static boolean prefersDot(int m, int n, int k) {
        return (long) m * n <= DOT_MAX_OUTPUT && k >= DOT_MIN_DEPTH;
    }

    private static void dot(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int ldb,
                            boolean acc, float[] c, int offC, int ldc, boolean parallel) {
        // ranges of 4 rows or columns start where DotGemm's blocks (R x 4, R = 2 or 4) start on one thread
        if (!parallel) {
            DotGemm.sgemm(m, n, k, a, offA, lda, b, offB, ldb, acc, c, offC, ldc);
        } else if (n >= m) {
            Parallel.forRange((n + 3) / 4, 1, (t0, t1) -> DotGemm.sgemm(m, Math.min(n, 4 * t1) - 4 * t0, k, a, offA, lda,
                    b, offB + 4 * t0 * ldb, ldb, acc, c, offC + 4 * t0, ldc));
        } else {
            Parallel.forRange((m + 3) / 4, 1, (t0, t1) -> DotGemm.sgemm(Math.min(m, 4 * t1) - 4 * t0, n, k,
                    a, offA + 4 * t0 * lda, lda, b, offB, ldb, acc, c, offC + 4 * t0 * ldc, ldc));
        }
    }
}
