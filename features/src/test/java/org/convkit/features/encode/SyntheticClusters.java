package org.convkit.features.encode;

import java.util.Random;
import org.convkit.filters.random.Shuffle;

/** Points drawn from known Gaussian clusters, for checking that clustering recovers them. */
record SyntheticClusters(float[] data, int n, int d, float[][] centres, float[] sigmas, int[] label) {

    static SyntheticClusters draw(float[][] centres, float[] sigmas, int[] counts, long seed) {
        Random r = new Random(seed);
        int d = centres[0].length, n = 0;
        for (int c : counts) {
            n += c;
        }
        float[] data = new float[n * d];
        int[] label = new int[n];
        int i = 0;
        for (int k = 0; k < centres.length; k++) {
            for (int j = 0; j < counts[k]; j++, i++) {
                label[i] = k;
                for (int t = 0; t < d; t++) {
                    data[i * d + t] = centres[k][t] + sigmas[k] * (float) r.nextGaussian();
                }
            }
        }
        // Shuffled so that clusters are interleaved: row i of the result is row order[i] of the clusters.
        int[] order = Shuffle.identity(n);
        Shuffle.shuffle(order, r);
        float[] shuffled = new float[n * d];
        int[] labels = new int[n];
        for (i = 0; i < n; i++) {
            System.arraycopy(data, order[i] * d, shuffled, i * d, d);
            labels[i] = label[order[i]];
        }
        return new SyntheticClusters(shuffled, n, d, centres, sigmas, labels);
    }

    /** Index of the row of {@code found} ({@code [k, d]}) nearest to {@code centre}. */
    static int nearestRow(float[] found, int d, float[] centre) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int j = 0; j < found.length / d; j++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double u = found[j * d + t] - centre[t];
                s += u * u;
            }
            if (s < bd) {
                bd = s;
                best = j;
            }
        }
        return best;
    }
}
