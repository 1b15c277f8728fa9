package org.convkit.filters.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A * B^T} for long, thin operands: A {@code [m, k]} and B {@code [n, k]} both row-major, so
 * every C element is a dot product along contiguous rows. When k is much longer than m and n (a
 * convolution's weight gradient sums over every pixel of the batch) this needs no packing: blocks of
 * {@link #R} rows of A by 4 rows of B, {@code 4 R} vector accumulators fed by {@code R + 4} row loads per
 * step. R follows the register count as the micro-kernel's tile does ({@link TileChoice}): 4 with 32
 * vector registers (16 accumulators + 8 loads), 2 with 16 (8 + 6; a 4 x 4 block spilled half of its
 * accumulators to the stack on AVX2). The k % lanes tail of a block is scalar (a masked copy of the step
 * made the method too large for C1, which then ran it boxed); the elements outside whole blocks are
 * single dot products with four accumulators. The lanes are summed in a fixed order (not
 * {@code reduceLanes}, whose order is unspecified) so results repeat exactly.
 */
final class DotGemm {
    private static final VectorSpecies<Float> S = MicroKernel.S; // the width chosen for the whole GEMM
    private static final int L = S.length();
    /** Rows of A per block; a block covers 4 rows of B. */
    static final int R = TileChoice.registers(S.vectorBitSize(), System.getProperty("os.arch")) >= 32 ? 4 : 2;
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[4 * R * L]);

    private DotGemm() {}

    static void sgemm(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int ldb,
                      boolean acc, float[] c, int offC, int ldc) {
        sgemm(m, n, k, a, offA, lda, b, offB, ldb, null, acc, c, offC, ldc);
    }

    /** With {@code bRows} non-null, row j of B starts at {@code offB + bRows[j]} (rows may overlap). */
    static void sgemm(int m, int n, int k, float[] a, int offA, int lda, float[] b, int offB, int ldb, int[] bRows,
                      boolean acc, float[] c, int offC, int ldc) {
        float[] lanes = LANES.get();
        for (int i = 0; i < m; i += R) {
            for (int j = 0; j < n; j += 4) {
                if (i + R <= m && j + 4 <= n) {
                    int r0 = row(offB, ldb, bRows, j), r1 = row(offB, ldb, bRows, j + 1);
                    int r2 = row(offB, ldb, bRows, j + 2), r3 = row(offB, ldb, bRows, j + 3);
                    if (R == 4) {
                        block4x4(k, a, offA + i * lda, lda, b, r0, r1, r2, r3, lanes);
                    } else {
                        block2x4(k, a, offA + i * lda, lda, b, r0, r1, r2, r3, lanes);
                    }
                    int tail = S.loopBound(k);
                    for (int r = 0; r < R; r++) {
                        for (int q = 0; q < 4; q++) {
                            float v = sum(lanes, (r * 4 + q) * L);
                            int ai = offA + (i + r) * lda, bi = row(offB, ldb, bRows, j + q);
                            for (int p = tail; p < k; p++) { // the last k % lanes terms, scalar
                                v += a[ai + p] * b[bi + p];
                            }
                            store(c, offC + (i + r) * ldc + j + q, v, acc);
                        }
                    }
                } else {
                    for (int r = i; r < Math.min(m, i + R); r++) {
                        for (int q = j; q < Math.min(n, j + 4); q++) {
                            store(c, offC + r * ldc + q, dot(k, a, offA + r * lda, b, row(offB, ldb, bRows, q), lanes), acc);
                        }
                    }
                }
            }
        }
    }

    private static int row(int offB, int ldb, int[] bRows, int j) {
        return bRows == null ? offB + j * ldb : offB + bRows[j];
    }

    private static void store(float[] c, int at, float v, boolean acc) {
        c[at] = acc ? c[at] + v : v;
    }

    private static float sum(float[] lanes, int from) {
        float s = 0f;
        for (int l = 0; l < L; l++) {
            s += lanes[from + l];
        }
        return s;
    }

    /** One dot product, in four accumulators so that FMA latency does not bound it. */
    private static float dot(int k, float[] a, int ai, float[] b, int bi, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int p = 0;
        for (int bound = k - 4 * L; p <= bound; p += 4 * L) {
            s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), s0);
            s1 = FloatVector.fromArray(S, a, ai + p + L).fma(FloatVector.fromArray(S, b, bi + p + L), s1);
            s2 = FloatVector.fromArray(S, a, ai + p + 2 * L).fma(FloatVector.fromArray(S, b, bi + p + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, ai + p + 3 * L).fma(FloatVector.fromArray(S, b, bi + p + 3 * L), s3);
        }
        for (int bound = S.loopBound(k); p < bound; p += L) {
            s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), s0);
        }
        if (p < k) {
            VectorMask<Float> m = S.indexInRange(p, k);
            s1 = FloatVector.fromArray(S, a, ai + p, m).fma(FloatVector.fromArray(S, b, bi + p, m), s1);
        }
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        return sum(lanes, 0);
    }

    private static void block2x4(int k, float[] a, int ai, int lda, float[] b, int r0, int r1, int r2, int r3,
                                 float[] lanes) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, r0 + p);
            FloatVector b1 = FloatVector.fromArray(S, b, r1 + p);
            FloatVector b2 = FloatVector.fromArray(S, b, r2 + p);
            FloatVector b3 = FloatVector.fromArray(S, b, r3 + p);
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
        }
        c00.intoArray(lanes, 0); c01.intoArray(lanes, L); c02.intoArray(lanes, 2 * L); c03.intoArray(lanes, 3 * L);
        c10.intoArray(lanes, 4 * L); c11.intoArray(lanes, 5 * L); c12.intoArray(lanes, 6 * L); c13.intoArray(lanes, 7 * L);
    }

    private static void block4x4(int k, float[] a, int ai, int lda, float[] b, int r0, int r1, int r2, int r3,
                                 float[] lanes) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00,
            c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, r0 + p);
            FloatVector b1 = FloatVector.fromArray(S, b, r1 + p);
            FloatVector b2 = FloatVector.fromArray(S, b, r2 + p);
            FloatVector b3 = FloatVector.fromArray(S, b, r3 + p);
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * lda + p);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
            FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * lda + p);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
        }
        c00.intoArray(lanes, 0); c01.intoArray(lanes, L); c02.intoArray(lanes, 2 * L); c03.intoArray(lanes, 3 * L);
        c10.intoArray(lanes, 4 * L); c11.intoArray(lanes, 5 * L); c12.intoArray(lanes, 6 * L); c13.intoArray(lanes, 7 * L);
        c20.intoArray(lanes, 8 * L); c21.intoArray(lanes, 9 * L); c22.intoArray(lanes, 10 * L); c23.intoArray(lanes, 11 * L);
        c30.intoArray(lanes, 12 * L); c31.intoArray(lanes, 13 * L); c32.intoArray(lanes, 14 * L); c33.intoArray(lanes, 15 * L);
    }
}
