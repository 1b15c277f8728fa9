package org.convkit.features.encode;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convkit.filters.parallel.Parallel;
import org.convkit.filters.vector.VectorOps;

/**
 * k-means with k-means++ seeding (Arthur &amp; Vassilvitskii 2007) and Lloyd iterations, seeded and so
 * reproducible. Distances use {@code |x|^2 - 2 x.c + |c|^2} with vector dot products, spread over
 * threads by point ranges; this is what Commons Math's {@code KMeansPlusPlusClusterer} does, at the
 * speed a vocabulary of hundreds of words over 10^5 descriptors needs. An emptied cluster is re-seeded
 * with the point farthest from its centre.
 */
public final class KMeans {

    /** Centres {@code [k, d]} row-major, the last assignment, its inertia and the iterations run. */
    public record Result(float[] centres, int k, int dimension, int[] assignment, double inertia, int iterations) {}

    private KMeans() {}

    /**
     * Clusters the {@code n} rows of {@code data} ({@code [n, d]}) into {@code k} groups; stops when no
     * point changes cluster, when inertia improves by less than {@code 1e-6} relatively, or after
     * {@code maxIterations}.
     */
    public static Result fit(float[] data, int n, int d, int k, long seed, int maxIterations) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
        }
        float[] centres = seedPlusPlus(data, n, d, k, new SplittableRandom(seed));
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        float[] dist = new float[n];
        double previous = Double.POSITIVE_INFINITY, inertia = 0;
        int it = 0;
        while (it < maxIterations) {
            it++;
            int changed = assign(data, n, d, centres, k, assign, dist);
            inertia = 0;
            for (float v : dist) {
                inertia += v;
            }
            update(data, n, d, centres, k, assign, dist);
            if (changed == 0 || previous - inertia <= 1e-6 * previous) {
                break;
            }
            previous = inertia;
        }
        assign(data, n, d, centres, k, assign, dist);
        inertia = 0;
        for (float v : dist) {
            inertia += v;
        }
        return new Result(centres, k, d, assign, inertia, it);
    }

    /**
     * The best (lowest inertia) of {@code restarts} runs with seeds {@code seed, seed + 1, ...}: Lloyd's
     * iterations only reach a local optimum, as scikit-learn's {@code n_init} acknowledges.
     */
    public static Result fitBest(float[] data, int n, int d, int k, long seed, int maxIterations, int restarts) {
        Result best = null;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            Result c = fit(data, n, d, k, seed + r, maxIterations);
            if (best == null || c.inertia() < best.inertia()) {
                best = c;
            }
        }
        return best;
    }

    /** k-means++: each new centre drawn with probability proportional to the squared distance to the nearest one. */
    static float[] seedPlusPlus(float[] data, int n, int d, int k, SplittableRandom rng) {
        float[] c = new float[k * d];
        int first = rng.nextInt(n);
        System.arraycopy(data, first * d, c, 0, d);
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = squaredDistance(data, i * d, c, 0, d);
        }
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double b : best) {
                total += b;
            }
            int pick;
            if (total <= 0) {
                pick = rng.nextInt(n);
            } else {
                double r = rng.nextDouble() * total, acc = 0;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    acc += best[i];
                    if (acc >= r) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(data, pick * d, c, j * d, d);
            final int cj = j;
            Parallel.forRange(n, 4096, (from, to) -> {
                for (int i = from; i < to; i++) {
                    best[i] = Math.min(best[i], squaredDistance(data, i * d, c, cj * d, d));
                }
            });
        }
        return c;
    }

    static double squaredDistance(float[] a, int ao, float[] b, int bo, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double t = a[ao + i] - b[bo + i];
            s += t * t;
        }
        return s;
    }

    /** Squared norms of the {@code k} rows of {@code centres}. */
    public static float[] rowNorms(float[] centres, int k, int d) {
        float[] norms = new float[k];
        for (int j = 0; j < k; j++) {
            norms[j] = VectorOps.squaredNorm(centres, j * d, d);
        }
        return norms;
    }

    /** Index of the centre nearest to {@code x[xo .. xo + d)}; {@code centreNorms} from {@link #rowNorms}. */
    public static int nearest(float[] centres, float[] centreNorms, int k, int d, float[] x, int xo) {
        int best = 0;
        float bestScore = Float.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            float score = centreNorms[j] - 2 * VectorOps.dot(x, xo, centres, j * d, d);
            if (score < bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }

    private static int assign(float[] data, int n, int d, float[] centres, int k, int[] assign, float[] dist) {
        float[] norms = rowNorms(centres, k, d);
        int[] changed = new int[1];
        Parallel.forRange(n, 1024, (from, to) -> {
            int local = 0;
            for (int i = from; i < to; i++) {
                int j = nearest(centres, norms, k, d, data, i * d);
                dist[i] = (float) squaredDistance(data, i * d, centres, j * d, d);
                if (assign[i] != j) {
                    assign[i] = j;
                    local++;
                }
            }
            synchronized (changed) {
                changed[0] += local;
            }
        });
        return changed[0];
    }

    private static void update(float[] data, int n, int d, float[] centres, int k, int[] assign, float[] dist) {
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            int j = assign[i];
            counts[j]++;
            for (int t = 0; t < d; t++) {
                sums[j * d + t] += data[i * d + t];
            }
        }
        for (int j = 0; j < k; j++) {
            if (counts[j] == 0) {
                int far = 0;
                for (int i = 1; i < n; i++) {
                    if (dist[i] > dist[far]) {
                        far = i;
                    }
                }
                dist[far] = 0;
                System.arraycopy(data, far * d, centres, j * d, d);
                continue;
            }
            for (int t = 0; t < d; t++) {
                centres[j * d + t] = (float) (sums[j * d + t] / counts[j]);
            }
        }
    }
}
