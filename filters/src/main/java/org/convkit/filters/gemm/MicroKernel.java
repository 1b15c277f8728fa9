package org.convkit.filters.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel: an {@value #MR} x {@code 2 * lanes} tile of C held in
 * {@code 2 * MR} vector accumulators, updated by one broadcast of A and two loads of B per step of k,
 * as in BLIS/GotoBLAS. A and B come packed (see {@link VectorGemm}). Unrolled by hand because C2
 * keeps the accumulators in registers only when they are named locals.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

    private MicroKernel() {}

    /**
     * {@code C[0:mr, 0:nr] (+)= Ap * B} over {@code kc} steps; {@code ap} holds MR values per step, and step p
     * reads NR values of B at {@code b[rows[row + p] + col ...]}: B in place ({@code p * ldb}) or shifted views
     * of a padded image (an implicit im2col); without a table ({@code rows} null), at {@code b[col + p * NR ...]}
     * of a packed panel. {@code acc} adds to C instead of overwriting it.
     * <p>
     * One method for both, so that a fresh JVM compiles one large kernel, not two (C2 takes 200-400 ms for
     * each); C2 splits the loop on the loop-invariant {@code rows == null}, and the packed copy, its address
     * linear in p, checks bounds once per call rather than per step (with the table, 10-15% slower on large
     * products).
     */
    static void run(int kc, float[] ap, int ai, float[] b, int[] rows, int row, int col, float[] tile,
                        float[] c, int ci, int ldc, int mr, int nr, boolean acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ai += MR) {
            int bi = rows == null ? col + p * NR : rows[row + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]); c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[ai + 6]); c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ai + 7]); c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
        update(tile, c, ci, ldc, mr, nr, acc);
    }

    /**
     * Moves the tile into C. Kept apart from the FMA loop (through a small per-thread buffer) so that
     * the accumulators never have to be passed to a method C2 might not inline, which would box them.
     */
    private static void update(float[] tile, float[] c, int ci, int ldc, int mr, int nr, boolean acc) {
        if (nr == NR) {
            for (int i = 0; i < mr; i++, ci += ldc) {
                FloatVector v0 = FloatVector.fromArray(S, tile, i * NR);
                FloatVector v1 = FloatVector.fromArray(S, tile, i * NR + L);
                if (acc) {
                    v0 = v0.add(FloatVector.fromArray(S, c, ci));
                    v1 = v1.add(FloatVector.fromArray(S, c, ci + L));
                }
                v0.intoArray(c, ci);
                v1.intoArray(c, ci + L);
            }
        } else {
            VectorMask<Float> m0 = S.indexInRange(0, nr);
            VectorMask<Float> m1 = S.indexInRange(L, nr);
            for (int i = 0; i < mr; i++, ci += ldc) {
                FloatVector v0 = FloatVector.fromArray(S, tile, i * NR);
                FloatVector v1 = FloatVector.fromArray(S, tile, i * NR + L);
                if (acc) {
                    v0 = v0.add(FloatVector.fromArray(S, c, ci, m0));
                    v1 = v1.add(FloatVector.fromArray(S, c, ci + L, m1));
                }
                v0.intoArray(c, ci, m0);
                v1.intoArray(c, ci + L, m1);
            }
        }
    }
}
