package org.convkit.filters.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.convkit.filters.Filters;
import org.convkit.filters.border.Border;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernel;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.Test;

/** The fast paths against the scalar specification on random data, odd sizes and every border. */
class EngineTest {
    private static final Border[] BORDERS = {Border.ZERO, Border.constant(-2.5f), Border.REPLICATE, Border.REFLECT,
            Border.REFLECT_101, Border.WRAP};
    private final Random random = new Random(42);

    private Plane randomPlane(int w, int h) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian() * 10;
        }
        return new Plane(w, h, d);
    }

    private Kernel randomKernel(int w, int h) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextInt(4) == 0 ? 0 : (float) random.nextGaussian();
        }
        return new Kernel(w, h, d);
    }

    private static void assertClose(Plane want, Plane got, String what) {
        double scale = 1e-3;
        for (float v : want.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.data().length; i++) {
            assertEquals(want.data()[i], got.data()[i], 2e-5 * scale, what + " at " + i % want.width() + "," + i / want.width());
        }
    }

    @Test
    void tapSumVectorMatchesScalarOnOddLengths() {
        for (int n : new int[] {0, 1, 3, 15, 16, 17, 63, 64, 65, 130, 257}) {
            for (int taps : new int[] {0, 1, 5, 9}) {
                float[] src = new float[n + 40];
                for (int i = 0; i < src.length; i++) {
                    src[i] = (float) random.nextGaussian();
                }
                int[] offsets = new int[taps];
                float[] weights = new float[taps];
                for (int t = 0; t < taps; t++) {
                    offsets[t] = random.nextInt(40);
                    weights[t] = (float) random.nextGaussian();
                }
                int from = n > 2 ? 1 : 0;
                float[] a = new float[n + 7];
                float[] b = new float[n + 7];
                TapSum.scalar(src, offsets, weights, taps, 0.75f, a, 3, from, n);
                TapSum.vector(src, offsets, weights, taps, 0.75f, b, 3, from, n);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-4, "n=" + n + " taps=" + taps + " i=" + i);
                }
            }
        }
    }

    @Test
    void directAndSeparablePathsMatchTheReference() {
        int[][] sizes = {{1, 1}, {3, 3}, {5, 3}, {2, 4}, {7, 7}, {9, 1}, {1, 6}};
        int[][] images = {{1, 1}, {3, 2}, {17, 5}, {37, 13}, {70, 9}};
        for (int[] img : images) {
            Plane src = randomPlane(img[0], img[1]);
            Plane copy = src.copy();
            for (int[] ks : sizes) {
                Kernel k = randomKernel(ks[0], ks[1]);
                float[] col = new float[ks[1]];
                float[] row = new float[ks[0]];
                for (int i = 0; i < col.length; i++) {
                    col[i] = (float) random.nextGaussian();
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) random.nextGaussian();
                }
                Kernel rank1 = Kernel.outer(col, row);
                int ax = random.nextInt(ks[0]);
                int ay = random.nextInt(ks[1]);
                for (Border b : BORDERS) {
                    String what = img[0] + "x" + img[1] + " kernel " + ks[0] + "x" + ks[1] + " " + b;
                    assertClose(Reference.correlate(src, b, k, ax, ay), Correlator.direct(src, b, k, ax, ay), what);
                    assertClose(Reference.correlate(src, b, rank1, ax, ay), Correlator.separable(src, b, col, row, ax, ay), what + " separable");
                    assertClose(Reference.correlate(src, b, rank1, ax, ay), Correlator.direct(src, b, rank1, ax, ay), what + " rank 1 direct");
                }
            }
            assertEquals(copy, src, "input untouched");
        }
    }

    @Test
    void rankFiltersMatchTheReference() {
        for (int[] img : new int[][] {{1, 1}, {4, 3}, {19, 7}, {40, 21}}) {
            Plane src = randomPlane(img[0], img[1]);
            for (int size : new int[] {1, 2, 3, 4, 5, 8}) {
                for (Border b : BORDERS) {
                    String what = img[0] + "x" + img[1] + " size " + size + " " + b;
                    int n = size * size;
                    assertEquals(Reference.rank(src, b, size, 0), Filters.min(size).apply(src, b), "min " + what);
                    assertEquals(Reference.rank(src, b, size, n - 1), Filters.max(size).apply(src, b), "max " + what);
                    assertEquals(Reference.rank(src, b, size, n / 2), Filters.median(size).apply(src, b), "median " + what);
                }
            }
        }
    }

    @Test
    void bandsOverThreadsGiveTheSameResult() {
        Plane src = randomPlane(300, 257);
        Kernel k = randomKernel(5, 5);
        Plane one = Parallel.withThreads(1).call(() -> Correlator.correlate(src, Border.REFLECT_101, k, 2, 2));
        Plane oneSep = Parallel.withThreads(1).call(() -> Filters.convolve(org.convkit.filters.kernel.Kernels.gaussian(2)).apply(src, Border.WRAP));
        Parallel.withThreads(3).run(() -> {
            assertEquals(one, Correlator.correlate(src, Border.REFLECT_101, k, 2, 2));
            assertEquals(oneSep, Filters.convolve(org.convkit.filters.kernel.Kernels.gaussian(2)).apply(src, Border.WRAP));
        });
    }

    @Test
    void constantBorderIsUsedOutsideOnly() {
        Plane src = new Plane(3, 3, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        Plane out = Filters.correlate(Kernel.parse("1 1 1; 1 1 1; 1 1 1")).apply(src, new Border(BorderMode.CONSTANT, 2));
        assertEquals(9f, out.get(1, 1));
        assertEquals(4 + 5 * 2f, out.get(0, 0));
        assertEquals(6 + 3 * 2f, out.get(1, 0));
    }
}
