package org.convkit.filters.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The vector GEMM against the scalar specification on random shapes, transposes, strides and offsets. The
 * build runs this class once per register tile and vector width (filters/pom.xml sets
 * {@code convkit.gemm.tile} and {@code convkit.gemm.bits}), so every variant is checked on any machine.
 */
class GemmTest {
    private final SplittableRandom rnd = new SplittableRandom(42);

    @AfterEach
    void restore() {
        Gemm.setVectorized(true);
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private float[] random(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    private void check(boolean ta, boolean tb, int m, int n, int k, float beta) {
        int lda = (ta ? m : k) + rnd.nextInt(3);
        int ldb = (tb ? k : n) + rnd.nextInt(3);
        int ldc = n + rnd.nextInt(3);
        int offA = rnd.nextInt(5);
        int offB = rnd.nextInt(5);
        int offC = rnd.nextInt(5);
        float[] a = random(offA + lda * (ta ? k : m));
        float[] b = random(offB + ldb * (tb ? n : k));
        float[] c0 = random(offC + ldc * m);
        float[] expected = c0.clone();
        float[] actual = c0.clone();
        ScalarGemm.sgemm(ta, tb, m, n, k, a, offA, lda, b, offB, ldb, beta, expected, offC, ldc);
        Gemm.sgemm(ta, tb, m, n, k, a, offA, lda, b, offB, ldb, beta, actual, offC, ldc);
        String what = "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta;
        double tol = 1e-5 * Math.sqrt(k + 1) * 4;
        for (int i = 0; i < c0.length; i++) {
            boolean inside = i >= offC && (i - offC) / ldc < m && (i - offC) % ldc < n;
            if (inside) {
                assertEquals(expected[i], actual[i], tol, what + " at " + i);
            } else {
                assertEquals(c0[i], actual[i], 0f, what + ": wrote outside C at " + i);
            }
        }
    }

    @Test
    void vectorMatchesScalarOnOddShapesAndTransposes() {
        int[] sizes = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 47, 64, 65, 100};
        for (int rep = 0; rep < 120; rep++) {
            int m = sizes[rnd.nextInt(sizes.length)];
            int n = sizes[rnd.nextInt(sizes.length)];
            int k = sizes[rnd.nextInt(sizes.length)];
            check(rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, rnd.nextBoolean() ? 1f : 0f);
        }
    }

    @Test
    void dotProductPathOnOddShapes() { // small A B^T over a long k: whole blocks, edge rows and columns, k % lanes
        for (int rep = 0; rep < 40; rep++) {
            check(false, true, 1 + rnd.nextInt(13), 1 + rnd.nextInt(13), 128 + rnd.nextInt(200), rnd.nextBoolean() ? 1f : 0f);
        }
    }

    @Test
    void blockBoundariesAndBothSplitDirections() {
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            check(false, false, 150, 70, 300, 0f);   // m > MC, k > KC, split over rows
            check(true, true, 70, 2100, 40, 1f);     // n > NC, split over columns
            check(false, true, 300, 290, 513, 0f);
            check(true, false, 6, 784, 25, 0f);      // LeNet conv1 shape
            check(false, true, 6, 25, 3920, 0f);     // dot-product path (weight gradients)
            check(false, true, 16, 150, 1000, 1f);
            check(false, true, 5, 7, 129, 1f);
        }
    }

    @Test
    void rowTableMatchesScalar() {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (int[] mnk : new int[][] {{8, 900, 27}, {37, 700, 50}, {3, 33, 5}, {70, 600, 300}, {150, 40, 530}}) {
                int m = mnk[0], n = mnk[1], k = mnk[2];
                int[] rows = new int[k];
                for (int p = 0; p < k; p++) {
                    rows[p] = rnd.nextInt(200); // overlapping, unordered rows as in a padded image
                }
                float[] a = random(m * k), b = random(200 + n + 3), expected = new float[m * n], actual = new float[m * n];
                ScalarGemm.sgemmRows(m, n, k, a, 0, k, b, 3, rows, expected, 0, n);
                Gemm.sgemmRows(m, n, k, a, 0, k, b, 3, rows, actual, 0, n);
                float[] packed = new float[m * n];
                Gemm.sgemmRows(Gemm.packA(null, m, k, a, 0, k), n, b, 3, rows, packed, 0, n);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-4, "rows m=" + m + " n=" + n + " k=" + k + " at " + i);
                    assertEquals(Float.floatToIntBits(actual[i]), Float.floatToIntBits(packed[i]), "packed A, m=" + m + " at " + i);
                }
            }
        }
    }

    @Test
    void transposedRowTableMatchesScalar() {
        for (int[] mnk : new int[][] {{8, 27, 900}, {33, 290, 700}, {3, 5, 33}, {64, 100, 130}}) { // dot and packed paths
            int m = mnk[0], n = mnk[1], k = mnk[2];
            int[] rows = new int[n];
            for (int j = 0; j < n; j++) {
                rows[j] = rnd.nextInt(300);
            }
            float[] a = random(m * k), b = random(300 + k + 2);
            for (float beta : new float[] {0f, 1f}) {
                float[] expected = random(m * n), actual = expected.clone();
                ScalarGemm.sgemmRowsT(m, n, k, a, 0, k, b, 2, rows, beta, expected, 0, n);
                Gemm.sgemmRowsT(m, n, k, a, 0, k, b, 2, rows, beta, actual, 0, n);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 2e-4, "rowsT m=" + m + " n=" + n + " k=" + k + " at " + i);
                }
            }
        }
    }

    @Test
    void rowTableOfAMatchesScalar() { // whole and partial tiles, k slices, B wider than a panel; nothing written outside C
        for (int[] mnk : new int[][] {{288, 32, 840}, {37, 33, 300}, {5, 3, 7}, {9, 17, 513}, {1, 40, 2}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) {
                rows[i] = rnd.nextInt(300); // overlapping, unordered rows as in a padded image
            }
            int ldb = k + rnd.nextInt(3), ldc = n + 1 + rnd.nextInt(3), offC = 1 + rnd.nextInt(4);
            float[] a = random(300 + k + 2), b = random(3 + n * ldb);
            for (float beta : new float[] {0f, 1f}) {
                float[] c0 = random(offC + m * ldc), expected = c0.clone(), actual = c0.clone();
                ScalarGemm.sgemmRowsA(m, n, k, a, 2, rows, b, 3, ldb, beta, expected, offC, ldc);
                Gemm.sgemmRowsA(m, n, k, a, 2, rows, b, 3, ldb, beta, actual, offC, ldc);
                String what = "rowsA m=" + m + " n=" + n + " k=" + k + " beta=" + beta;
                for (int i = 0; i < c0.length; i++) {
                    boolean inside = i >= offC && (i - offC) % ldc < n;
                    if (inside) {
                        assertEquals(expected[i], actual[i], 2e-4, what + " at " + i);
                    } else {
                        assertEquals(c0[i], actual[i], 0f, what + ": wrote outside C at " + i);
                    }
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        float[] a = random(200 * 300);
        float[] b = random(300 * 250);
        float[] c1 = new float[200 * 250];
        float[] c2 = new float[200 * 250];
        Parallel.setThreads(1);
        Gemm.sgemm(false, false, 200, 250, 300, a, 0, 300, b, 0, 250, 0f, c1, 0, 250);
        Parallel.setThreads(2);
        Gemm.sgemm(false, false, 200, 250, 300, a, 0, 300, b, 0, 250, 0f, c2, 0, 250);
        assertTrue(java.util.Arrays.equals(c1, c2));
    }

    @Test
    void zeroDepthClearsOrKeeps() {
        float[] c = {1, 2, 3, 4};
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, 1f, c, 0, 2);
        assertEquals(4f, c[3]);
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
        assertEquals(0f, c[3]);
    }

    @Test
    void runsTheTileAndWidthThePropertiesName() {
        String tile = System.getProperty(TileChoice.TILE_PROPERTY);
        String bits = System.getProperty(TileChoice.BITS_PROPERTY);
        if (tile != null) {
            assertEquals(tile, MicroKernel.MR + "x2", MicroKernel.describe());
        }
        if (bits != null) {
            assertEquals(Integer.parseInt(bits), MicroKernel.S.vectorBitSize(), MicroKernel.describe());
        }
        assertEquals(2 * MicroKernel.S.length(), MicroKernel.NR);
    }

    @Test
    void tileFollowsTheRegisterCount() {
        assertEquals(16, TileChoice.registers(256, "amd64"));
        assertEquals(32, TileChoice.registers(512, "amd64"));
        assertEquals(32, TileChoice.registers(128, "aarch64"));
        assertEquals(4, TileChoice.rows(null, 128, "amd64"));  // SSE
        assertEquals(4, TileChoice.rows(null, 256, "amd64"));  // AVX2
        assertEquals(8, TileChoice.rows(null, 512, "amd64"));  // AVX-512
        assertEquals(8, TileChoice.rows(null, 128, "aarch64")); // NEON
        assertEquals(6, TileChoice.rows(" 6X2 ", 512, "amd64"));
        assertEquals(128, TileChoice.species("128").vectorBitSize());
        assertEquals(512, TileChoice.species("512").vectorBitSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TileChoice.rows("5x2", 256, "amd64"));
        assertTrue(e.getMessage().contains(TileChoice.TILE_PROPERTY), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TileChoice.species("1024"));
    }
}
