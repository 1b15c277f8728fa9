package org.convkit.filters.gemm;

import static org.convkit.filters.gemm.MicroKernel.L;
import static org.convkit.filters.gemm.MicroKernel.MR;
import static org.convkit.filters.gemm.MicroKernel.NR;
import static org.convkit.filters.gemm.MicroKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Single-threaded blocked GEMM in the GotoBLAS/BLIS order: for each NC-wide column block and KC-deep
 * slice of k, B is packed into NR-wide panels (kept in L2), then for each MC-tall row block A is packed
 * into MR-tall panels (L2/L1) and the {@link MicroKernel} sweeps the tiles. Transposes are absorbed by
 * the packing, so the micro-kernel sees one layout. Pack buffers are per thread and only grow: no
 * allocation once warm.
 */
final class VectorGemm {
    static final int KC = 256;
    static final int MC = 144; // a multiple of every MR (4, 6, 8)
    static final int NC = 2048; // multiple of NR
    static final int DIRECT_B_MAX_ROWS = 64;

    /** Row offsets {@code j * ldb} for the gathering pack of a transposed B. */
    private static final ThreadLocal<int[]> GATHER = ThreadLocal.withInitial(() -> new int[L]);
    private static final ThreadLocal<int[]> STRIDED = ThreadLocal.withInitial(() -> new int[256]);
    private static final ThreadLocal<float[][]> WORK = ThreadLocal.withInitial(() -> new float[3][0]);

    private VectorGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int offA, int lda, float[] b, int offB, int ldb,
                      boolean accumulate, float[] c, int offC, int ldc) {
        sgemm(transA, transB, m, n, k, a, offA, lda, b, offB, ldb, null, accumulate, c, offC, ldc);
    }

    /**
     * With {@code bRows} non-null, B is addressed through a table: untransposed, row p of B starts at
     * {@code offB + bRows[p]}; transposed, row j of the stored B (column j of op(B)) does.
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int offA, int lda, float[] b, int offB, int ldb, int[] bRows,
                      boolean accumulate, float[] c, int offC, int ldc) {
        sgemm(transA, transB, m, n, k, a, offA, lda, null, b, offB, ldb, bRows, accumulate, c, offC, ldc);
    }

    /**
     * As above; a non-null {@code packedA} is op(A) already packed by {@link #packWholeA} (then a, offA,
     * lda and transA are not read).
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int offA, int lda, float[] packedA, float[] b, int offB, int ldb, int[] bRows,
                      boolean accumulate, float[] c, int offC, int ldc) {
        float[][] work = WORK.get();
        int kcMax = kSlice(k);
        int apNeed = roundUp(Math.min(m, MC), MR) * kcMax;
        int bpNeed = roundUp(Math.min(n, NC), NR) * kcMax;
        float[] ap = packedA != null ? packedA : grown(work, 0, apNeed);
        float[] bp = grown(work, 1, bpNeed);
        int mAll = roundUp(m, MR);
        float[] tile = grown(work, 2, MR * NR);
        // a few rows of A reuse each B panel only a few times: read B in place rather than copy it first
        boolean direct = !transB && m <= DIRECT_B_MAX_ROWS;
        if (transB && bRows != null && (long) m * n <= Gemm.DOT_MAX_OUTPUT) {
            DotGemm.sgemm(m, n, k, a, offA, lda, b, offB, 0, bRows, accumulate, c, offC, ldc);
            return;
        }
        int[] strided = direct && bRows == null ? stridedRows(k, ldb) : null;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean acc = accumulate || pc > 0;
                packB(transB, b, offB, ldb, bRows, pc, kc, jc, nc, bp, direct);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    int apBase = 0;
                    if (packedA == null) {
                        packA(transA, a, offA, lda, ic, mc, pc, kc, ap, 0);
                    } else { // slices before pc are kcMax deep; row block ic starts ic * kc into its slice
                        apBase = mAll * pc + ic * kc;
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        if (direct && nr == NR) { // B in place, through its own row table (the caller's, or p * ldb)
                            int[] rows = bRows != null ? bRows : strided;
                            for (int ir = 0; ir < mc; ir += MR) {
                                MicroKernel.run(kc, ap, apBase + (ir / MR) * MR * kc, b, rows, pc, offB + jc + jr, tile,
                                        c, offC + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), nr, acc);
                            }
                            continue;
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            MicroKernel.run(kc, ap, apBase + (ir / MR) * MR * kc, bp, null, 0, (jr / NR) * NR * kc, tile,
                                    c, offC + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), nr, acc);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code C[m x n] (+)= A * B^T} where row i of A (k values) is {@code a[offA + aRows[i] ...]} and B is
     * stored n x k ({@code ldb}): A is read in place by {@link MicroKernel#runRowsA}, only B (the small side)
     * is packed. A convolution's weight gradient, transposed ({@code dW^T = cols * dY^T}), takes this form:
     * its column matrix is never copied, where the {@code dY * cols^T} order would gather all of it into
     * packed panels.
     */
    static void sgemmRowsA(int m, int n, int k, float[] a, int offA, int[] aRows, float[] b, int offB, int ldb,
                           boolean accumulate, float[] c, int offC, int ldc) {
        float[][] work = WORK.get();
        int kcMax = kSlice(k);
        int bpNeed = roundUp(Math.min(n, NC), NR) * kcMax;
        float[] bp = grown(work, 1, bpNeed), tile = grown(work, 2, MR * NR);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean acc = accumulate || pc > 0;
                packB(true, b, offB, ldb, null, pc, kc, jc, nc, bp, false);
                for (int jr = 0; jr < nc; jr += NR) {
                    int nr = Math.min(NR, nc - jr);
                    for (int ir = 0; ir < m; ir += MR) {
                        MicroKernel.runRowsA(kc, a, offA + pc, aRows, ir, Math.min(MR, m - ir), bp, (jr / NR) * NR * kc,
                                tile, c, offC + ir * ldc + jc + jr, ldc, nr, acc);
                    }
                }
            }
        }
    }

    /** The k-slice depth: equal slices of at most KC (288 = 144 + 144, not 256 + 32: a thin last slice wastes a pass over C). */
    private static int kSlice(int k) {
        int slices = (k + KC - 1) / KC;
        return (k + slices - 1) / slices;
    }

    /** Per-thread buffer {@code i}, grown to at least {@code need} floats (never shrunk). */
    private static float[] grown(float[][] work, int i, int need) {
        if (work[i].length < need) {
            work[i] = new float[need];
        }
        return work[i];
    }

    /** {@code p * ldb} for p < k, in a per-thread table that only grows. */
    private static int[] stridedRows(int k, int ldb) {
        int[] rows = STRIDED.get();
        if (rows.length < k) {
            rows = new int[Math.max(k, 2 * rows.length)];
            STRIDED.set(rows);
        }
        for (int p = 0; p < k; p++) {
            rows[p] = p * ldb;
        }
        return rows;
    }

    static int roundUp(int x, int q) { return (x + q - 1) / q * q; }

    /**
     * All of an untransposed A[m x k] in the layout {@link #sgemm} packs block by block: for each k slice
     * (as sgemm cuts k), the MR-tall panels of all m rows. Into {@code reuse} when it is large enough.
     */
    static float[] packWholeA(int m, int k, float[] a, int offA, int lda, float[] reuse) {
        int kcMax = kSlice(k);
        int mAll = roundUp(m, MR);
        float[] ap = reuse != null && reuse.length >= mAll * k ? reuse : new float[mAll * k];
        for (int pc = 0; pc < k; pc += kcMax) {
            packA(false, a, offA, lda, 0, m, pc, Math.min(kcMax, k - pc), ap, mAll * pc);
        }
        return ap;
    }

    /** op(A)[ic:ic+mc, pc:pc+kc] as MR-tall panels from {@code ap[at]}, each step of k holding MR values (zero padded). */
    private static void packA(boolean transA, float[] a, int offA, int lda, int ic, int mc, int pc, int kc,
                              float[] ap, int at) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = at + (ir / MR) * MR * kc;
            if (transA) { // op(A)[i][p] = a[p * lda + i]: rows of the panel are contiguous in memory
                for (int p = 0; p < kc; p++) {
                    int src = offA + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int i = 0; i < mr; i++) {
                        ap[dst + i] = a[src + i];
                    }
                    for (int i = mr; i < MR; i++) {
                        ap[dst + i] = 0f;
                    }
                }
            } else {
                for (int i = 0; i < mr; i++) {
                    int src = offA + (ic + ir + i) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = a[src + p];
                    }
                }
                for (int i = mr; i < MR; i++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = 0f;
                    }
                }
            }
        }
    }

    /**
     * op(B)[pc:pc+kc, jc:jc+nc] as NR-wide panels, each step of k holding NR values (zero padded);
     * {@code edgeOnly} packs just a last, narrower panel (the others are read in place). One small method
     * per layout, so that each is compiled on its own, early (a fresh JVM runs vector code boxed until C2
     * has compiled it, and one large method would wait for several on-stack replacements).
     */
    private static void packB(boolean transB, float[] b, int offB, int ldb, int[] bRows, int pc, int kc, int jc, int nc,
                              float[] bp, boolean edgeOnly) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            if (edgeOnly && nr == NR) {
                continue;
            }
            int base = (jr / NR) * NR * kc;
            if (!transB) {
                if (nr == NR) {
                    packRows(b, offB + jc + jr, ldb, bRows, pc, kc, bp, base);
                } else {
                    packRowsMasked(b, offB + jc + jr, ldb, bRows, pc, kc, nr, bp, base);
                }
            } else if (bRows != null) { // op(B)[p][j] = b[offB + bRows[j] + p]: the table is the gather's index map
                if (nr == NR) {
                    packGatherTable(b, offB + pc, bRows, jc + jr, kc, bp, base);
                } else {
                    packColumnsScalar(b, offB + pc, bRows, jc + jr, 0, kc, nr, bp, base);
                }
            } else { // op(B)[p][j] = b[j * ldb + p]: gather a column of 16 rows per vector
                int src = offB + (jc + jr) * ldb + pc;
                if (nr == NR) {
                    packGatherStrided(b, src, ldb, kc, bp, base);
                } else {
                    packColumnsScalar(b, src, null, 0, ldb, kc, nr, bp, base);
                }
            }
        }
    }

    /** One full panel of an untransposed B: row p starts at {@code src + (pc + p) * ldb} or at the table's entry. */
    private static void packRows(float[] b, int src, int ldb, int[] bRows, int pc, int kc, float[] bp, int base) {
        for (int p = 0; p < kc; p++) {
            int s = src + (bRows == null ? (pc + p) * ldb : bRows[pc + p]);
            FloatVector.fromArray(S, b, s).intoArray(bp, base + p * NR);
            FloatVector.fromArray(S, b, s + L).intoArray(bp, base + p * NR + L);
        }
    }

    private static void packRowsMasked(float[] b, int src, int ldb, int[] bRows, int pc, int kc, int nr, float[] bp,
                                       int base) {
        VectorMask<Float> m0 = S.indexInRange(0, nr);
        VectorMask<Float> m1 = S.indexInRange(L, nr);
        for (int p = 0; p < kc; p++) {
            int s = src + (bRows == null ? (pc + p) * ldb : bRows[pc + p]);
            FloatVector.fromArray(S, b, s, m0).intoArray(bp, base + p * NR);
            FloatVector.fromArray(S, b, s + L, m1).intoArray(bp, base + p * NR + L);
        }
    }

    /** A full panel of a transposed B addressed through a table: column j of op(B) starts at {@code src + bRows[j0 + j]}. */
    private static void packGatherTable(float[] b, int src, int[] bRows, int j0, int kc, float[] bp, int base) {
        for (int p = 0; p < kc; p++) {
            FloatVector.fromArray(S, b, src + p, bRows, j0).intoArray(bp, base + p * NR);
            FloatVector.fromArray(S, b, src + p, bRows, j0 + L).intoArray(bp, base + p * NR + L);
        }
    }

    /** A full panel of a transposed B: column j of op(B) is row j of the stored B, {@code ldb} apart. */
    private static void packGatherStrided(float[] b, int src, int ldb, int kc, float[] bp, int base) {
        int[] rows = GATHER.get();
        for (int j = 0; j < L; j++) {
            rows[j] = j * ldb;
        }
        for (int p = 0; p < kc; p++) {
            FloatVector.fromArray(S, b, src + p, rows, 0).intoArray(bp, base + p * NR);
            FloatVector.fromArray(S, b, src + L * ldb + p, rows, 0).intoArray(bp, base + p * NR + L);
        }
    }

    /**
     * A last, narrower panel of a transposed B, element by element: column j starts at {@code src + bRows[j0 + j]}
     * with a table, else at {@code src + j * ldb}.
     */
    private static void packColumnsScalar(float[] b, int src, int[] bRows, int j0, int ldb, int kc, int nr, float[] bp,
                                          int base) {
        for (int p = 0; p < kc; p++) {
            for (int j = 0; j < nr; j++) {
                bp[base + p * NR + j] = b[src + (bRows == null ? j * ldb : bRows[j0 + j]) + p];
            }
            for (int j = nr; j < NR; j++) {
                bp[base + p * NR + j] = 0f;
            }
        }
    }
}
