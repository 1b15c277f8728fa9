package org.convkit.features.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.convkit.features.state.ModelState;
import org.junit.jupiter.api.Test;

class ClusteringTest {
    static final float[][] CENTRES = {
        {0, 0, 0, 0, 0, 0}, {6, 0, 0, 3, 0, 0}, {0, 6, 0, 0, -3, 0}, {-5, -5, 5, 0, 0, 2}};

    @Test
    void kMeansPlusPlusRecoversSeparatedClusters() {
        SyntheticClusters s = SyntheticClusters.draw(CENTRES, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new int[] {300, 200, 250, 150}, 7);
        KMeans.Result r = KMeans.fit(s.data(), s.n(), s.d(), 4, 3, 100);
        boolean[] used = new boolean[4];
        for (float[] c : CENTRES) {
            int j = SyntheticClusters.nearestRow(r.centres(), s.d(), c);
            assertFalse(used[j], "two true centres map to one found centre");
            used[j] = true;
            for (int t = 0; t < s.d(); t++) {
                assertEquals(c[t], r.centres()[j * s.d() + t], 0.12);
            }
        }
        // Same seed, same answer.
        assertArrayEquals(r.centres(), KMeans.fit(s.data(), s.n(), s.d(), 4, 3, 100).centres());
    }

    @Test
    void gmmRecoversMeansVariancesAndWeights() {
        float[] sig = {0.4f, 1.0f, 0.7f, 0.5f};
        int[] counts = {600, 400, 300, 200};
        SyntheticClusters s = SyntheticClusters.draw(CENTRES, sig, counts, 11);
        DiagonalGmm g = DiagonalGmm.fit(s.data(), s.n(), s.d(), 4, 5, 200);
        float[] means = g.means(), vars = g.variances(), w = g.weights();
        for (int k = 0; k < 4; k++) {
            int j = SyntheticClusters.nearestRow(means, s.d(), CENTRES[k]);
            assertEquals(counts[k] / 1500.0, w[j], 0.01, "weight of cluster " + k);
            for (int t = 0; t < s.d(); t++) {
                assertEquals(CENTRES[k][t], means[j * s.d() + t], 0.25 * sig[k], "mean " + k + "," + t); // ~5 standard errors
                assertEquals(sig[k] * sig[k], vars[j * s.d() + t], 0.25 * sig[k] * sig[k], "variance " + k + "," + t);
            }
        }
    }

    @Test
    void posteriorsSumToOneEvenFarFromEveryComponent() {
        DiagonalGmm g = new DiagonalGmm(new float[] {0.3f, 0.7f}, new float[] {0, 0, 5, 5}, new float[] {0.01f, 0.01f, 0.02f, 0.02f});
        float[] post = new float[2];
        double ll = g.posteriors(new float[] {1000, -1000}, 0, post);
        assertTrue(Double.isFinite(ll));
        assertEquals(1, post[0] + post[1], 1e-6);
        g.posteriors(new float[] {2.6f, 2.6f}, 0, post);
        // Exact posterior in double: log N terms with diagonal covariances.
        double l0 = Math.log(0.3) - Math.log(2 * Math.PI * 0.01) - (2.6 * 2.6 * 2) / (2 * 0.01);
        double l1 = Math.log(0.7) - Math.log(2 * Math.PI * 0.02) - (2.4 * 2.4 * 2) / (2 * 0.02);
        double p1 = 1 / (1 + Math.exp(l0 - l1));
        assertEquals(p1, post[1], 1e-5);
    }

    @Test
    void gmmStateRoundTrips() {
        DiagonalGmm g = new DiagonalGmm(new float[] {0.25f, 0.75f}, new float[] {0, 1, 2, 3}, new float[] {1, 2, 3, 4});
        ModelState s = new ModelState();
        g.exportTo(s, "g.");
        DiagonalGmm h = DiagonalGmm.importFrom(s, "g.");
        assertArrayEquals(g.means(), h.means());
        assertArrayEquals(g.variances(), h.variances());
        assertArrayEquals(g.weights(), h.weights());
        assertEquals(Arrays.asList(2, 2), Arrays.stream(s.array("g.means").shape()).boxed().toList());
    }

    @Test
    void pcaFindsThePrincipalDirection() {
        java.util.Random r = new java.util.Random(3);
        int n = 2000, d = 3;
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            double a = 3 * r.nextGaussian(), b = 0.5 * r.nextGaussian(), c = 0.1 * r.nextGaussian();
            // principal axis (1, 1, 0)/sqrt2, then (1, -1, 0)/sqrt2, then z
            data[i * d] = (float) ((a + b) / Math.sqrt(2) + 4);
            data[i * d + 1] = (float) ((a - b) / Math.sqrt(2) - 1);
            data[i * d + 2] = (float) (c + 2);
        }
        Pca p = Pca.fit(data, n, d, 2);
        float[] comps = p.components();
        assertEquals(1 / Math.sqrt(2), Math.abs(comps[0]), 0.01);
        assertEquals(1 / Math.sqrt(2), Math.abs(comps[1]), 0.01);
        assertEquals(0, comps[2], 0.01);
        assertEquals(0, comps[5], 0.02);
        float[] y = p.project(data, n);
        double v0 = 0, v1 = 0, m0 = 0;
        for (int i = 0; i < n; i++) {
            v0 += y[2 * i] * y[2 * i];
            v1 += y[2 * i + 1] * y[2 * i + 1];
            m0 += y[2 * i];
        }
        assertEquals(0, m0 / n, 1e-3, "projections are centred");
        assertEquals(9, v0 / n, 0.6);
        assertEquals(0.25, v1 / n, 0.03);
        ModelState s = new ModelState();
        p.exportTo(s, "pca.");
        assertArrayEquals(y, Pca.importFrom(s, "pca.").project(data, n));
    }
}
