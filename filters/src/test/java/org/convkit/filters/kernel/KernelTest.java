package org.convkit.filters.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelTest {
    @Test
    void parsesRowsAndNumbersInEverySpelling() {
        Kernel k = Kernel.parse("1 2 1; 0 0 0; -1 -2 -1");
        assertEquals(3, k.width());
        assertEquals(3, k.height());
        assertArrayEquals(new float[] {1, 2, 1, 0, 0, 0, -1, -2, -1}, k.weights());
        assertEquals(k, Kernel.parse("1,2,1\n0\t0\t0\r\n -1, -2, -1 \n\n"));
        assertEquals(new Kernel(2, 1, new float[] {0.5f, 1e-3f}), Kernel.parse("0.5 1e-3;"));
        assertEquals(-2f, k.get(1, 2));
    }

    @Test
    void parseErrorsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 2; 3")).getMessage().contains("differ in length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 x; 3 4")).getMessage().contains("'x' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernel.parse("  ")).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernel.parse(" ; ;")).getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 NaN"));
        assertThrows(IllegalArgumentException.class, () -> new Kernel(2, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new Kernel(0, 1, new float[0]));
    }

    @Test
    void isImmutable() {
        float[] w = {1, 2, 3, 4};
        Kernel k = new Kernel(2, 2, w);
        w[0] = 99;
        k.weights()[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4}, k.weights());
    }

    @Test
    void flipsBy180Degrees() {
        Kernel k = Kernel.parse("1 2 3; 4 5 6");
        assertEquals(Kernel.parse("6 5 4; 3 2 1"), k.flipped());
        assertEquals(Kernels.sobelX().flipped(), Kernel.parse("-1 0 1; -2 0 2; -1 0 1"));
        assertEquals(k, k.flipped().flipped());
    }

    @Test
    void normalisesBySum() {
        Kernel k = Kernel.parse("1 2 1; 2 4 2; 1 2 1").normalized();
        assertEquals(1.0, k.sum(), 1e-7);
        assertEquals(0.25f, k.get(1, 1));
        assertEquals(1.0, Kernels.gaussian(1.3).normalized().sum(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Kernels.sobelX().normalized());
        assertThrows(IllegalArgumentException.class, () -> Kernel.parse("1 -1").normalized());
    }

    @Test
    void findsRankOneFactors() {
        Kernel k = Kernel.parse("1 2 1; 2 4 2; 1 2 1");
        Kernel.Separable s = k.separable().orElseThrow();
        assertReproduces(k, s);
        Kernel sobel = Kernel.parse("-1 0 1; -2 0 2; -1 0 1");
        assertReproduces(sobel, sobel.separable().orElseThrow());
        Random r = new Random(1);
        float[] col = new float[5];
        float[] row = new float[3];
        for (int i = 0; i < 5; i++) {
            col[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < 3; i++) {
            row[i] = (float) r.nextGaussian();
        }
        float[] w = new float[15];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 3; x++) {
                w[y * 3 + x] = col[y] * row[x];
            }
        }
        Kernel custom = new Kernel(3, 5, w);
        assertReproduces(custom, custom.separable().orElseThrow());
        assertTrue(new Kernel(1, 1, new float[] {0}).separable().isPresent());
    }

    @Test
    void rejectsKernelsOfHigherRank() {
        assertFalse(Kernels.laplacian().separable().isPresent());
        assertFalse(Kernels.laplacian8().separable().isPresent());
        assertFalse(Kernels.sharpen().separable().isPresent());
        assertFalse(Kernel.parse("1 2; 3 4").separable().isPresent());
        // rank 1 except one weight off by far more than float precision
        assertFalse(Kernel.parse("1 2 1; 2 4 2; 1 2 1.001").separable().isPresent());
    }

    @Test
    void namedKernelsKeepTheirExactFactors() {
        Kernel g = Kernels.gaussian(2);
        assertEquals(17, g.width(), "radius int(4 sigma + 0.5) = 8");
        Kernel.Separable s = g.separable().orElseThrow();
        assertEquals(1.0, sum(s.row()), 1e-6);
        assertArrayEquals(s.row(), s.column());
        assertEquals(7, Kernels.gaussian(1.5, 7).width());
        assertEquals(2 * 10 + 1, Kernels.gaussian(2.5).width());
        assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(1, 4));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(0));
        assertArrayEquals(new float[] {1, 0, -1, 2, 0, -2, 1, 0, -1}, Kernels.sobelX().weights());
        assertArrayEquals(new float[] {1, 2, 1, 0, 0, 0, -1, -2, -1}, Kernels.sobelY().weights());
        assertEquals(1.0, Kernels.box(4).sum(), 1e-6);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }

    private static void assertReproduces(Kernel k, Kernel.Separable s) {
        assertEquals(k.height(), s.column().length);
        assertEquals(k.width(), s.row().length);
        for (int y = 0; y < k.height(); y++) {
            for (int x = 0; x < k.width(); x++) {
                assertEquals(k.get(x, y), s.column()[y] * s.row()[x], 1e-6 * Math.max(1, Math.abs(k.get(x, y))));
            }
        }
    }

    @Test
    void hugeSizesAreRefusedBeforeAllocationNotOverflowed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernels.box(1_000_000_000))
                .getMessage().contains("box size must be at most 46340"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(1e9))
                .getMessage().contains("gaussian sigma 1.0E9 is too large"));
        assertThrows(IllegalArgumentException.class, () -> Kernels.gaussian(2, 65_537));
        float[] wide = new float[65_537];
        java.util.Arrays.fill(wide, 1f);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Kernel.outer(wide, wide))
                .getMessage().contains("too many weights"));
    }
}
