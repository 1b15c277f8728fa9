package org.convkit.features.encode;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.parallel.Parallel;

/**
 * Every dot product between the rows of two matrices, {@code out[i][j] = a[i] . b[j]} (that is
 * {@code A B^T}), the one dense product the kernel approximations need (kernel values between feature
 * vectors and landmarks). A small blocked GEMM with the Vector API: {@code b} is packed once into panels
 * of {@link #NR} columns stored k-major, and a micro-kernel keeps a {@value #MR}-row by {@link #NR}-column
 * tile of {@code out} in registers, broadcasting one value of each {@code a} row per step; {@code k} is
 * cut into blocks of {@value #KC} so that a tile's panel stays in the core's cache. Rows of {@code a} are
 * split over {@link Parallel}'s threads. {@link #productsScalar} is the specification.
 */
public final class RowProducts {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Columns per packed panel: two vectors. */
    static final int NR = 2 * V;
    static final int MR = 4;
    static final int KC = 256;
    private static final int MC = 96;

    private RowProducts() {}

    /** {@code out[i][j] = sum_k a[i][k] b[j][k]}; all rows of both arguments have the same length. */
    public static float[][] products(float[][] a, float[][] b) {
        checkedLength(a, b);
        return products(a, pack(b));
    }

    /**
     * The same with {@code b} packed once by {@link #pack}, for many products with the same {@code b}; rows of
     * {@code a} may be longer than those of {@code b}, and only their first {@code b}-length values count.
     */
    public static float[][] products(float[][] a, Packed b) {
        if (a.length == 0) {
            throw new IllegalArgumentException("products of an empty matrix");
        }
        for (float[] row : a) {
            if (row.length < b.length) {
                throw new IllegalArgumentException("rows of " + row.length + " values against packed rows of " + b.length);
            }
        }
        int n = a.length, m = b.rows, d = b.length, panels = b.panels;
        float[] packed = b.data;
        float[][] out = new float[n][];
        Parallel.forRange(n, MC, (from, to) -> {
            float[] tile = new float[MC * panels * NR];
            for (int i0 = from; i0 < to; i0 += MC) {
                int rows = Math.min(MC, to - i0);
                java.util.Arrays.fill(tile, 0, rows * panels * NR, 0f);
                block(a, i0, rows, d, packed, panels, tile);
                for (int r = 0; r < rows; r++) {
                    out[i0 + r] = java.util.Arrays.copyOfRange(tile, r * panels * NR, r * panels * NR + m);
                }
            }
        });
        return out;
    }

    /** A right-hand matrix in the micro-kernel's panel layout. */
    public static final class Packed {
        private final float[] data;
        private final int rows, length, panels;

        private Packed(float[] data, int rows, int length, int panels) {
            this.data = data;
            this.rows = rows;
            this.length = length;
            this.panels = panels;
        }

        public int rows() { return rows; }
    }

    /** Packs the rows of {@code b} (all of one length) for {@link #products(float[][], Packed)}. */
    public static Packed pack(float[][] b) {
        checkedLength(b, b);
        int d = b[0].length, panels = (b.length + NR - 1) / NR;
        return new Packed(pack(b, d, panels), b.length, d, panels);
    }

    /** The plain triple loop, in double: the specification {@link #products} is tested against. */
    public static float[][] productsScalar(float[][] a, float[][] b) {
        int d = checkedLength(a, b);
        float[][] out = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (double) a[i][k] * b[j][k];
                }
                out[i][j] = (float) s;
            }
        }
        return out;
    }

    private static int checkedLength(float[][] a, float[][] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("products of an empty matrix");
        }
        int d = a[0].length;
        for (float[][] x : new float[][][] {a, b}) {
            for (float[] row : x) {
                if (row.length != d) {
                    throw new IllegalArgumentException("rows differ in length: " + d + " and " + row.length);
                }
            }
        }
        return d;
    }

    /** Panel p holds, for every k, the values {@code b[p NR + c][k]}, c < NR (zeros past the last row). */
    private static float[] pack(float[][] b, int d, int panels) {
        float[] packed = new float[panels * NR * d];
        Parallel.forRange(panels, 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                int base = p * NR * d;
                for (int c = 0; c < NR && p * NR + c < b.length; c++) {
                    float[] row = b[p * NR + c];
                    for (int k = 0; k < d; k++) {
                        packed[base + k * NR + c] = row[k];
                    }
                }
            }
        });
        return packed;
    }

    /** Adds {@code a[i0 .. i0 + rows) B^T} to {@code tile} (rows of {@code panels * NR} values). */
    private static void block(float[][] a, int i0, int rows, int d, float[] packed, int panels, float[] tile) {
        int width = panels * NR;
        for (int k0 = 0; k0 < d; k0 += KC) {
            int kc = Math.min(KC, d - k0);
            for (int p = 0; p < panels; p++) {
                int panel = p * NR * d + k0 * NR;
                int r = 0;
                for (; r + MR <= rows; r += MR) {
                    kernel4(a[i0 + r], a[i0 + r + 1], a[i0 + r + 2], a[i0 + r + 3], k0, kc, packed, panel, tile,
                            r * width + p * NR, width);
                }
                for (; r < rows; r++) {
                    kernel1(a[i0 + r], k0, kc, packed, panel, tile, r * width + p * NR);
                }
            }
        }
    }

    /** Four rows by two vectors of columns: eight accumulators, two loads and four broadcasts per step. */
    private static void kernel4(float[] a0, float[] a1, float[] a2, float[] a3, int k0, int kc, float[] packed, int panel,
                                float[] tile, int at, int width) {
        FloatVector c00 = FloatVector.fromArray(S, tile, at), c01 = FloatVector.fromArray(S, tile, at + V);
        FloatVector c10 = FloatVector.fromArray(S, tile, at + width), c11 = FloatVector.fromArray(S, tile, at + width + V);
        FloatVector c20 = FloatVector.fromArray(S, tile, at + 2 * width), c21 = FloatVector.fromArray(S, tile, at + 2 * width + V);
        FloatVector c30 = FloatVector.fromArray(S, tile, at + 3 * width), c31 = FloatVector.fromArray(S, tile, at + 3 * width + V);
        int q = panel;
        for (int k = k0, end = k0 + kc; k < end; k++, q += NR) {
            FloatVector b0 = FloatVector.fromArray(S, packed, q), b1 = FloatVector.fromArray(S, packed, q + V);
            FloatVector x = FloatVector.broadcast(S, a0[k]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a1[k]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a2[k]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a3[k]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00.intoArray(tile, at);
        c01.intoArray(tile, at + V);
        c10.intoArray(tile, at + width);
        c11.intoArray(tile, at + width + V);
        c20.intoArray(tile, at + 2 * width);
        c21.intoArray(tile, at + 2 * width + V);
        c30.intoArray(tile, at + 3 * width);
        c31.intoArray(tile, at + 3 * width + V);
    }

    private static void kernel1(float[] a0, int k0, int kc, float[] packed, int panel, float[] tile, int at) {
        FloatVector c0 = FloatVector.fromArray(S, tile, at), c1 = FloatVector.fromArray(S, tile, at + V);
        int q = panel;
        for (int k = k0, end = k0 + kc; k < end; k++, q += NR) {
            FloatVector x = FloatVector.broadcast(S, a0[k]);
            c0 = FloatVector.fromArray(S, packed, q).fma(x, c0);
            c1 = FloatVector.fromArray(S, packed, q + V).fma(x, c1);
        }
        c0.intoArray(tile, at);
        c1.intoArray(tile, at + V);
    }
}
