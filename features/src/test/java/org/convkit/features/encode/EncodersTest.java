package org.convkit.features.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convkit.features.sift.Descriptors;
import org.convkit.features.state.ModelState;
import org.junit.jupiter.api.Test;

class EncodersTest {

    private static Descriptors descriptors(float[] data, int d, float[] x, float[] y, int w, int h) {
        float[] s = new float[x.length];
        return new Descriptors(x.length, d, data, x, y, s, w, h);
    }

    @Test
    void bagOfWordsIsTheSquareRootOfTheL1Histogram() {
        float[] words = {0, 0, 10, 0, 0, 10};
        BagOfWords bow = new BagOfWords(words, 3, SpatialPyramid.NONE);
        float[] data = {1, 1, 9, 1, 8, -1, 0, 11};
        float[] h = bow.encode(descriptors(data, 2, new float[4], new float[4], 10, 10));
        assertArrayEquals(new float[] {(float) Math.sqrt(0.25), (float) Math.sqrt(0.5), (float) Math.sqrt(0.25)}, h, 1e-6f);
    }

    @Test
    void pyramidCellsPoolTheirOwnDescriptors() {
        float[] words = {0, 0, 10, 0};
        BagOfWords bow = new BagOfWords(words, 2, new SpatialPyramid(new int[] {1, 2}));
        // word 0 top-left, word 1 bottom-right; image 20x20
        float[] data = {0, 0, 10, 0};
        float[] h = bow.encode(descriptors(data, 2, new float[] {2, 15}, new float[] {3, 18}, 20, 20));
        assertEquals(2 * 5, h.length);
        float s = (float) (1 / Math.sqrt(5));
        float r = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {r * s, r * s, s, 0, 0, 0, 0, 0, 0, s}, h, 1e-6f);
    }

    @Test
    void fisherVectorFollowsPerronninsFormulas() {
        int k = 2, d = 3;
        DiagonalGmm g = new DiagonalGmm(new float[] {0.4f, 0.6f}, new float[] {0, 0, 0, 1, 2, 1},
                new float[] {1, 0.5f, 2, 1.5f, 1, 0.8f});
        Random r = new Random(2);
        int n = 40;
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (1.5 * r.nextGaussian() + 0.5);
        }
        FisherVector fv = new FisherVector(g, SpatialPyramid.NONE);
        float[] got = fv.encode(descriptors(data, d, new float[n], new float[n], 8, 8));
        assertEquals(2 * k * d, got.length);
        assertEquals(2 * k * d, fv.outputDimension());

        // Independent double-precision evaluation of the same formulas.
        double[] u = new double[k * d], v = new double[k * d];
        float[] w = g.weights(), mu = g.means(), var = g.variances();
        for (int i = 0; i < n; i++) {
            double[] lp = new double[k];
            for (int j = 0; j < k; j++) {
                lp[j] = Math.log(w[j]);
                for (int t = 0; t < d; t++) {
                    double z = data[i * d + t] - mu[j * d + t];
                    lp[j] += -0.5 * Math.log(2 * Math.PI * var[j * d + t]) - z * z / (2 * var[j * d + t]);
                }
            }
            double m = Math.max(lp[0], lp[1]), sum = Math.exp(lp[0] - m) + Math.exp(lp[1] - m);
            for (int j = 0; j < k; j++) {
                double gamma = Math.exp(lp[j] - m) / sum;
                if (gamma < 1e-4) {
                    continue;
                }
                for (int t = 0; t < d; t++) {
                    double z = (data[i * d + t] - mu[j * d + t]) / Math.sqrt(var[j * d + t]);
                    u[j * d + t] += gamma * z / (n * Math.sqrt(w[j]));
                    v[j * d + t] += gamma * (z * z - 1) / (n * Math.sqrt(2 * w[j]));
                }
            }
        }
        double[] e = new double[2 * k * d];
        double norm = 0;
        for (int i = 0; i < k * d; i++) {
            e[i] = Math.signum(u[i]) * Math.sqrt(Math.abs(u[i]));
            e[k * d + i] = Math.signum(v[i]) * Math.sqrt(Math.abs(v[i]));
        }
        for (double x : e) {
            norm += x * x;
        }
        double sq = 0;
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i] / Math.sqrt(norm), got[i], 1e-5, "component " + i);
            sq += got[i] * got[i];
        }
        assertEquals(1, sq, 1e-5);

        FisherVector pyr = new FisherVector(g, new SpatialPyramid(new int[] {1, 2}));
        assertEquals(2 * k * d * 5, pyr.outputDimension());
        ModelState s = new ModelState();
        pyr.exportTo(s, "enc.");
        DescriptorEncoder back = DescriptorEncoder.importFrom(s, "enc.");
        float[] xs = new float[n], ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = r.nextFloat() * 8;
            ys[i] = r.nextFloat() * 8;
        }
        Descriptors placed = descriptors(data, d, xs, ys, 8, 8);
        float[] a = pyr.encode(placed);
        assertArrayEquals(a, back.encode(placed));
        double total = 0;
        for (float x : a) {
            total += x * x;
        }
        assertTrue(Math.abs(total - 1) < 1e-4, "five unit cells scaled by 1/sqrt(5): " + total);
    }
}
