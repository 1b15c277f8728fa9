package org.convkit.filters.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel: an {@code MR} x {@code 2 * lanes} tile of C held in {@code 2 * MR}
 * vector accumulators, updated by one broadcast of A and two loads of B per step of k, as in BLIS/GotoBLAS.
 * A and B come packed (see {@link VectorGemm}). The width and {@code MR} are chosen once, when the class is
 * loaded, by {@link TileChoice} (4 rows for 16 vector registers, 8 for 32); each height has its own
 * method, unrolled by hand because C2 keeps the accumulators in registers only when they are named locals
 * (an array of vectors, or vectors merged from two branches, are boxed). Only the chosen method runs, so a
 * JVM compiles one kernel.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = TileChoice.species(System.getProperty(TileChoice.BITS_PROPERTY));
    static final int L = S.length();
    static final int MR = TileChoice.rows(System.getProperty(TileChoice.TILE_PROPERTY), S.vectorBitSize(),
            System.getProperty("os.arch"));
    static final int NR = 2 * L;

    private MicroKernel() {}

    /** The chosen kernel, as "MRx2 vectors of BITS bits", for tests to report. */
    static String describe() {
        return MR + "x2 vectors of " + S.vectorBitSize() + " bits";
    }

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
        switch (MR) { // a constant: C2 keeps only the chosen call
            case 4 -> run4x2(kc, ap, ai, b, rows, row, col, tile);
            case 6 -> run6x2(kc, ap, ai, b, rows, row, col, tile);
            default -> run8x2(kc, ap, ai, b, rows, row, col, tile);
        }
        update(tile, c, ci, ldc, mr, nr, acc);
    }

    private static void run4x2(int kc, float[] ap, int ai, float[] b, int[] rows, int row, int col, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        for (int p = 0; p < kc; p++, ai += 4) {
            int bi = rows == null ? col + p * NR : rows[row + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
    }

    private static void run6x2(int kc, float[] ap, int ai, float[] b, int[] rows, int row, int col, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z;
        for (int p = 0; p < kc; p++, ai += 6) {
            int bi = rows == null ? col + p * NR : rows[row + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]); c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]); c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L);
    }

    private static void run8x2(int kc, float[] ap, int ai, float[] b, int[] rows, int row, int col, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z, c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z;
        for (int p = 0; p < kc; p++, ai += 8) {
            int bi = rows == null ? col + p * NR : rows[row + p] + col;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]); c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]); c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ai + 6]); c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ai + 7]); c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L);
        c6_0.intoArray(tile, 6 * NR); c6_1.intoArray(tile, 6 * NR + L);
        c7_0.intoArray(tile, 7 * NR); c7_1.intoArray(tile, 7 * NR + L);
    }

    /**
     * {@code C[0:mr, 0:nr] (+)= A * Bp} over {@code kc} steps with A read in place: row i of the tile is
     * {@code a[offA + aRows[row + i] ...]} (k contiguous, e.g. a shifted view of a padded image), so A needs
     * no packing; B is a packed panel ({@code bp[col + p * NR ...]}). Rows past {@code mr} repeat the first
     * row (a valid address); their results are not stored.
     */
    static void runRowsA(int kc, float[] a, int offA, int[] aRows, int row, int mr, float[] bp, int col, float[] tile,
                         float[] c, int ci, int ldc, int nr, boolean acc) {
        int r0 = offA + aRows[row];
        int r1 = rowOr(offA, aRows, row, 1, mr, r0), r2 = rowOr(offA, aRows, row, 2, mr, r0);
        int r3 = rowOr(offA, aRows, row, 3, mr, r0);
        switch (MR) {
            case 4 -> run4x2A(kc, a, r0, r1, r2, r3, bp, col, tile);
            case 6 -> run6x2A(kc, a, r0, r1, r2, r3, rowOr(offA, aRows, row, 4, mr, r0),
                    rowOr(offA, aRows, row, 5, mr, r0), bp, col, tile);
            default -> run8x2A(kc, a, r0, r1, r2, r3, rowOr(offA, aRows, row, 4, mr, r0),
                    rowOr(offA, aRows, row, 5, mr, r0), rowOr(offA, aRows, row, 6, mr, r0),
                    rowOr(offA, aRows, row, 7, mr, r0), bp, col, tile);
        }
        update(tile, c, ci, ldc, mr, nr, acc);
    }

    private static int rowOr(int offA, int[] aRows, int row, int i, int mr, int first) {
        return i < mr ? offA + aRows[row + i] : first;
    }

    private static void run4x2A(int kc, float[] a, int r0, int r1, int r2, int r3, float[] bp, int col, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        for (int p = 0; p < kc; p++) {
            int bi = col + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, a[r0 + p]); c0_0 = v.fma(b0, c0_0); c0_1 = v.fma(b1, c0_1);
            v = FloatVector.broadcast(S, a[r1 + p]); c1_0 = v.fma(b0, c1_0); c1_1 = v.fma(b1, c1_1);
            v = FloatVector.broadcast(S, a[r2 + p]); c2_0 = v.fma(b0, c2_0); c2_1 = v.fma(b1, c2_1);
            v = FloatVector.broadcast(S, a[r3 + p]); c3_0 = v.fma(b0, c3_0); c3_1 = v.fma(b1, c3_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
    }

    private static void run6x2A(int kc, float[] a, int r0, int r1, int r2, int r3, int r4, int r5, float[] bp, int col,
                                float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z;
        for (int p = 0; p < kc; p++) {
            int bi = col + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, a[r0 + p]); c0_0 = v.fma(b0, c0_0); c0_1 = v.fma(b1, c0_1);
            v = FloatVector.broadcast(S, a[r1 + p]); c1_0 = v.fma(b0, c1_0); c1_1 = v.fma(b1, c1_1);
            v = FloatVector.broadcast(S, a[r2 + p]); c2_0 = v.fma(b0, c2_0); c2_1 = v.fma(b1, c2_1);
            v = FloatVector.broadcast(S, a[r3 + p]); c3_0 = v.fma(b0, c3_0); c3_1 = v.fma(b1, c3_1);
            v = FloatVector.broadcast(S, a[r4 + p]); c4_0 = v.fma(b0, c4_0); c4_1 = v.fma(b1, c4_1);
            v = FloatVector.broadcast(S, a[r5 + p]); c5_0 = v.fma(b0, c5_0); c5_1 = v.fma(b1, c5_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L);
    }

    private static void run8x2A(int kc, float[] a, int r0, int r1, int r2, int r3, int r4, int r5, int r6, int r7,
                                float[] bp, int col, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z, c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z;
        for (int p = 0; p < kc; p++) {
            int bi = col + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector v;
            v = FloatVector.broadcast(S, a[r0 + p]); c0_0 = v.fma(b0, c0_0); c0_1 = v.fma(b1, c0_1);
            v = FloatVector.broadcast(S, a[r1 + p]); c1_0 = v.fma(b0, c1_0); c1_1 = v.fma(b1, c1_1);
            v = FloatVector.broadcast(S, a[r2 + p]); c2_0 = v.fma(b0, c2_0); c2_1 = v.fma(b1, c2_1);
            v = FloatVector.broadcast(S, a[r3 + p]); c3_0 = v.fma(b0, c3_0); c3_1 = v.fma(b1, c3_1);
            v = FloatVector.broadcast(S, a[r4 + p]); c4_0 = v.fma(b0, c4_0); c4_1 = v.fma(b1, c4_1);
            v = FloatVector.broadcast(S, a[r5 + p]); c5_0 = v.fma(b0, c5_0); c5_1 = v.fma(b1, c5_1);
            v = FloatVector.broadcast(S, a[r6 + p]); c6_0 = v.fma(b0, c6_0); c6_1 = v.fma(b1, c6_1);
            v = FloatVector.broadcast(S, a[r7 + p]); c7_0 = v.fma(b0, c7_0); c7_1 = v.fma(b1, c7_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L);
        c6_0.intoArray(tile, 6 * NR); c6_1.intoArray(tile, 6 * NR + L);
        c7_0.intoArray(tile, 7 * NR); c7_1.intoArray(tile, 7 * NR + L);
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
