package org.convkit.features.encode;

import java.util.Random;

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
        // Shuffle so that clusters are interleaved.
        for (int a = n - 1; a > 0; a--) {
            int b = r.nextInt(a + 1);
            for (int t = 0; t < d; t++) {
                float tmp = data[a * d + t];
                data[a * d + t] = data[b * d + t];
                data[b * d + t] = tmp;
            }
            int tl = label[a];
            label[a] = label[b];
            label[b] = tl;
        }
        return new SyntheticClusters(data, n, d, centres, sigmas, label);
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
