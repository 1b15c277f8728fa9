package org.convkit.features.svm;

import java.util.SplittableRandom;
import org.convkit.filters.vector.VectorOps;

/**
 * Dual coordinate descent for the L2-regularised squared-hinge SVM (Hsieh, Chang, Lin, Keerthi &amp;
 * Sundararajan, ICML 2008, algorithm 1 with {@code U = infinity}, {@code D_ii = 1/(2C)}), the method
 * behind LIBLINEAR's {@code -s 1}, on dense float rows with vector dot products and updates. Stops when
 * the spread of the projected gradient over a pass falls below {@code epsilon}, LIBLINEAR's criterion,
 * with LIBLINEAR's shrinking of the rows outside the margin.
 *
 * <p>Warm start: the only constraint of this dual is {@code alpha >= 0}, whatever C is, so the dual
 * variables of a solution at one C are a feasible start at another. Started from the solution at a
 * nearby smaller C, a fit needs a fraction of the passes of a start from zero (the idea of LIBLINEAR's
 * warm-started parameter search, there in the primal).
 */
final class DenseDualSolver {
    private DenseDualSolver() {}

    /**
     * Weights {@code [d + 1]} (the last is the bias) separating {@code positive} from the other labels.
     *
     * @param alpha the dual variables, one per row: read as the start (zeros: a cold start) and left holding
     *              the solution
     */
    static float[] train(float[][] x, int[] labels, int positive, double c, double epsilon, int maxIterations,
                         SplittableRandom rng, double[] alpha) {
        int n = x.length, d = x[0].length;
        if (alpha.length != n) {
            throw new IllegalArgumentException(n + " rows but " + alpha.length + " dual variables");
        }
        float[] w = new float[d + 1];
        double diag = 1 / (2 * c);
        double[] qii = new double[n];
        byte[] y = new byte[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            qii[i] = VectorOps.squaredNorm(x[i], 0, d) + 1 + diag;
            y[i] = (byte) (labels[i] == positive ? 1 : -1);
            order[i] = i;
            if (alpha[i] < 0 || !Double.isFinite(alpha[i])) {
                throw new IllegalArgumentException("dual variable " + i + " is " + alpha[i] + ", not a finite value >= 0");
            }
            if (alpha[i] != 0) {
                float a = (float) (alpha[i] * y[i]);
                VectorOps.axpy(a, x[i], 0, w, 0, d);
                w[d] += a;
            }
        }
        // Shrinking (LIBLINEAR's): a row at alpha = 0 whose gradient exceeds the largest projected gradient of
        // the last pass is outside the margin and likely to stay there; it leaves the active set until the
        // active rows have converged, when every row is checked again.
        int active = n;
        double pgMaxOld = Double.POSITIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            for (int i = active - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double pgMax = Double.NEGATIVE_INFINITY, pgMin = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int i = order[s];
                double g = y[i] * (VectorOps.dot(w, 0, x[i], 0, d) + w[d]) - 1 + diag * alpha[i];
                double pg = g;
                if (alpha[i] == 0) {
                    if (g > pgMaxOld) {
                        active--;
                        order[s] = order[active];
                        order[active] = i;
                        s--;
                        continue;
                    }
                    pg = Math.min(g, 0);
                }
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
                if (active == n) {
                    break;
                }
                active = n; // converged on the active rows: check them all once more
                pgMaxOld = Double.POSITIVE_INFINITY;
                continue;
            }
            pgMaxOld = pgMax <= 0 ? Double.POSITIVE_INFINITY : pgMax;
        }
        return w;
    }
}
