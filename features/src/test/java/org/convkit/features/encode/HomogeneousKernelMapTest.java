package org.convkit.features.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convkit.features.encode.HomogeneousKernelMap.Kernel;
import org.convkit.features.state.ModelState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomogeneousKernelMapTest {

    /** Worst relative error of {@code <psi(x), psi(y)>} against the exact additive kernel on random L1 histograms. */
    static double worstRelativeError(HomogeneousKernelMap map, long seed) {
        Random r = new Random(seed);
        double worst = 0;
        for (int trial = 0; trial < 200; trial++) {
            float[] x = histogram(r, 64), y = histogram(r, 64);
            double exact = 0;
            for (int i = 0; i < x.length; i++) {
                exact += map.kernel().exact(x[i], y[i]);
            }
            float[] px = map.apply(x), py = map.apply(y);
            double approx = 0;
            for (int i = 0; i < px.length; i++) {
                approx += (double) px[i] * py[i];
            }
            worst = Math.max(worst, Math.abs(approx - exact) / exact);
        }
        return worst;
    }

    private static float[] histogram(Random r, int n) {
        float[] h = new float[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            h[i] = r.nextFloat() < 0.2 ? 0 : (float) -Math.log(r.nextDouble());
            s += h[i];
        }
        for (int i = 0; i < n; i++) {
            h[i] /= s;
        }
        return h;
    }

    @ParameterizedTest
    @CsvSource({"chi2, 1, 0.1", "chi2, 2, 0.04", "chi2, 3, 0.02",
                "intersection, 1, 0.25", "intersection, 3, 0.12", "hellinger, 1, 1e-6"})
    void innerProductsApproximateTheKernel(String kernel, int order, double bound) {
        HomogeneousKernelMap map = new HomogeneousKernelMap(Kernel.parse(kernel), order);
        assertEquals(64 * (2 * order + 1), map.outputDimension(64));
        double err = worstRelativeError(map, 42);
        assertTrue(err < bound, kernel + " order " + order + ": worst relative error " + err);
    }

    /**
     * The uniform-window map's inner product is exactly {@code sqrt(xy) sum_{|j|<=n} L kappa(jL) cos(jL log(y/x))}
     * (the truncated, periodised spectrum); the implementation must give that to float precision, the
     * difference to the true kernel being the approximation error the paper analyses.
     */
    @ParameterizedTest
    @CsvSource({"chi2, 1", "chi2, 3", "intersection, 2"})
    void innerProductEqualsTheSampledSpectrumFormula(String kernel, int order) {
        HomogeneousKernelMap map = new HomogeneousKernelMap(Kernel.parse(kernel), order);
        double l = 2 * Math.PI / map.period();
        Random r = new Random(9);
        for (int trial = 0; trial < 100; trial++) {
            double x = Math.exp(-8 * r.nextDouble()), y = Math.exp(-8 * r.nextDouble());
            float[] px = map.apply(new float[] {(float) x}), py = map.apply(new float[] {(float) y});
            double dot = 0;
            for (int i = 0; i < px.length; i++) {
                dot += (double) px[i] * py[i];
            }
            double lambda = Math.log((float) y / (float) x), sum = l * map.kernel().spectrum(0);
            for (int j = 1; j <= order; j++) {
                sum += 2 * l * map.kernel().spectrum(j * l) * Math.cos(j * l * lambda);
            }
            double expected = Math.sqrt((double) (float) x * (float) y) * sum;
            assertEquals(expected, dot, 1e-5 * Math.sqrt(x * y) + 1e-9);
        }
    }

    @ParameterizedTest
    @CsvSource({"chi2", "intersection"})
    void higherOrderApproximatesBetter(String kernel) {
        Kernel k = Kernel.parse(kernel);
        assertTrue(worstRelativeError(new HomogeneousKernelMap(k, 3), 1) < worstRelativeError(new HomogeneousKernelMap(k, 1), 1));
    }

    @ParameterizedTest
    @CsvSource({"chi2", "intersection", "hellinger"})
    void mapsZeroToZeroNegativeValuesBySignAndRoundTrips(String kernel) {
        HomogeneousKernelMap map = new HomogeneousKernelMap(Kernel.parse(kernel), 2, 9.0);
        float[] out = map.apply(new float[] {0, 0.3f, -0.3f});
        for (int i = 0; i < 5; i++) {
            assertEquals(0, out[i]);
            assertEquals(out[5 + i], -out[10 + i], 1e-7f);
        }
        ModelState s = new ModelState();
        map.exportTo(s, "km.");
        assertArrayEquals(out, HomogeneousKernelMap.importFrom(s, "km.").apply(new float[] {0, 0.3f, -0.3f}));
    }
}
