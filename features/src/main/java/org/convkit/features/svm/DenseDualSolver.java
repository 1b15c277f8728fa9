package org.convkit.features.svm;

import java.util.SplittableRandom;
import org.convkit.features.encode.VectorOps;

/**
 * Dual coordinate descent for the L2-regularised squared-hinge SVM (Hsieh, Chang, Lin, Keerthi &amp;
 * Sundararajan, ICML 2008, algorithm 1 with {@code U = infinity}, {@code D_ii = 1/(2C)}), the method
 * behind LIBLINEAR's {@code -s 1}, on dense float rows with vector dot products and updates. Stops when
 * the spread of the projected gradient over a pass falls below {@code epsilon}, LIBLINEAR's criterion.
 * No shrinking: simpler, and dense rows make each pass cheap.
 */
final class DenseDualSolver {
    private DenseDualSolver() {}

    /** Weights {@code [d + 1]} (the last is the bias) separating {@code positive} from the other labels. */
    static float[] train(float[][] x, int[] labels, int positive, double c, double epsilon, int maxIterations,
                         SplittableRandom rng) {
        int n = x.length, d = x[0].length;
        float[] w = new float[d + 1];
        double[] alpha = new double[n];
        double diag = 1 / (2 * c);
        double[] qii = new double[n];
        byte[] y = new byte[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            qii[i] = VectorOps.squaredNorm(x[i], 0, d) + 1 + diag;
            y[i] = (byte) (labels[i] == positive ? 1 : -1);
            order[i] = i;
        }
        for (int it = 0; it < maxIterations; it++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double pgMax = Double.NEGATIVE_INFINITY, pgMin = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double g = y[i] * (VectorOps.dot(w, 0, x[i], 0, d) + w[d]) - 1 + diag * alpha[i];
                double pg = alpha[i] == 0 ? Math.min(g, 0) : g;
                pgMax = Math.max(pgMax, pg);
                pgMin = Math.min(pgMin, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.max(old - g / qii[i], 0);
                    float delta = (float) ((alpha[i] - old) * y[i]);
                    VectorOps.axpy(delta, x[i], 0, w, 0, d);
                    w[d] += delta;
                }
            }
            if (pgMax - pgMin < epsilon) {
                break;
            }
        }
        return w;
    }
}
