package org.convkit.features.encode;

import org.convkit.features.state.ModelState;
import org.convkit.filters.parallel.Parallel;
import org.convkit.filters.vector.VectorOps;

/**
 * A Gaussian mixture with diagonal covariances, fitted by EM (Dempster et al. 1977) from a k-means
 * start (best of 3 k-means++ runs), as Fisher-vector pipelines (Perronnin et al. 2010; VLFeat's {@code vl_gmm}) use it. EM runs in
 * double precision with log-sum-exp posteriors, so far-away points do not underflow; every variance is
 * floored at {@code 1e-4} times the data's overall mean variance (plus 1e-10) so that no component collapses.
 */
public final class DiagonalGmm {
    private final int k;
    private final int d;
    private final float[] weights;
    private final float[] means;
    private final float[] variances;
    // Cached for posteriors: -0.5 / var, mean / var, and the per-component constant.
    private final float[] negHalfPrecision;
    private final float[] meanPrecision;
    private final float[] constant;

    public DiagonalGmm(float[] weights, float[] means, float[] variances) {
        this.k = weights.length;
        if (k == 0 || means.length % k != 0 || variances.length != means.length) {
            throw new IllegalArgumentException("mixture arrays do not agree: " + weights.length + " weights, "
                    + means.length + " means, " + variances.length + " variances");
        }
        this.d = means.length / k;
        this.weights = weights.clone();
        this.means = means.clone();
        this.variances = variances.clone();
        negHalfPrecision = new float[k * d];
        meanPrecision = new float[k * d];
        constant = new float[k];
        for (int j = 0; j < k; j++) {
            if (!(weights[j] > 0)) {
                throw new IllegalArgumentException("mixture weight " + j + " is not positive: " + weights[j]);
            }
            double c = Math.log(weights[j]) - 0.5 * d * Math.log(2 * Math.PI);
            for (int t = 0; t < d; t++) {
                double v = variances[j * d + t], m = means[j * d + t];
                if (!(v > 0)) {
                    throw new IllegalArgumentException("variance " + j + "," + t + " is not positive: " + v);
                }
                negHalfPrecision[j * d + t] = (float) (-0.5 / v);
                meanPrecision[j * d + t] = (float) (m / v);
                c -= 0.5 * (Math.log(v) + m * m / v);
            }
            constant[j] = (float) c;
        }
    }

    public int components() { return k; }

    public int dimension() { return d; }

    public float[] weights() { return weights.clone(); }

    public float[] means() { return means.clone(); }

    public float[] variances() { return variances.clone(); }

    /** Fits {@code k} components to the {@code n} rows of {@code data} ({@code [n, d]}). */
    public static DiagonalGmm fit(float[] data, int n, int d, int k, long seed, int maxIterations) {
        KMeans.Result km = KMeans.fitBest(data, n, d, k, seed, 30, 3);
        double[] mean = new double[d], var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                mean[t] += data[i * d + t];
            }
        }
        double overall = 0;
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                double u = data[i * d + t] - mean[t];
                var[t] += u * u;
            }
        }
        for (int t = 0; t < d; t++) {
            overall += var[t] / n / d;
        }
        double floor = 1e-4 * overall + 1e-10;

        // Start: hard k-means responsibilities.
        double[] resp = new double[n * k];
        for (int i = 0; i < n; i++) {
            resp[i * k + km.assignment()[i]] = 1;
        }
        DiagonalGmm g = maximise(data, n, d, k, resp, floor);
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            double ll = g.expect(data, n, resp);
            if (ll - previous < 1e-6 * Math.abs(ll)) {
                break;
            }
            previous = ll;
            g = maximise(data, n, d, k, resp, floor);
        }
        return g;
    }

    /** E step: fills {@code resp [n, k]} with posteriors; returns the mean log-likelihood. */
    double expect(float[] data, int n, double[] resp) {
        double[] ll = new double[1];
        Parallel.forRange(n, 512, (from, to) -> {
            float[] post = new float[k];
            double local = 0;
            for (int i = from; i < to; i++) {
                local += posteriors(data, i * d, post);
                for (int j = 0; j < k; j++) {
                    resp[i * k + j] = post[j];
                }
            }
            synchronized (ll) {
                ll[0] += local;
            }
        });
        return ll[0] / n;
    }

    private static DiagonalGmm maximise(float[] data, int n, int d, int k, double[] resp, double floor) {
        double[] nk = new double[k], sx = new double[k * d], sxx = new double[k * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double r = resp[i * k + j];
                if (r < 1e-8) {
                    continue;
                }
                nk[j] += r;
                for (int t = 0; t < d; t++) {
                    double x = data[i * d + t];
                    sx[j * d + t] += r * x;
                    sxx[j * d + t] += r * x * x;
                }
            }
        }
        float[] w = new float[k], m = new float[k * d], v = new float[k * d];
        for (int j = 0; j < k; j++) {
            double cnt = Math.max(nk[j], 1e-10);
            w[j] = (float) Math.max(nk[j] / n, 1e-10);
            for (int t = 0; t < d; t++) {
                double mu = sx[j * d + t] / cnt;
                m[j * d + t] = (float) mu;
                v[j * d + t] = (float) Math.max(sxx[j * d + t] / cnt - mu * mu, floor);
            }
        }
        return new DiagonalGmm(w, m, v);
    }

    /**
     * Posterior probabilities of the components for {@code x[xo .. xo + d)} into {@code post} (log-sum-exp);
     * returns the log-likelihood of x.
     */
    public double posteriors(float[] x, int xo, float[] post) {
        float[] x2 = new float[d];
        for (int t = 0; t < d; t++) {
            x2[t] = x[xo + t] * x[xo + t];
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] logp = new double[k];
        for (int j = 0; j < k; j++) {
            // log w + log N(x) = c_j + sum(-x^2 / 2v) + sum(x m / v)
            logp[j] = constant[j] + VectorOps.dot(x2, 0, negHalfPrecision, j * d, d) + VectorOps.dot(x, xo, meanPrecision, j * d, d);
            max = Math.max(max, logp[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(logp[j] - max);
        }
        for (int j = 0; j < k; j++) {
            post[j] = (float) (Math.exp(logp[j] - max) / sum);
        }
        return max + Math.log(sum);
    }

    public void exportTo(ModelState s, String prefix) {
        s.putArray(prefix + "weights", weights.clone(), k);
        s.putArray(prefix + "means", means.clone(), k, d);
        s.putArray(prefix + "variances", variances.clone(), k, d);
    }

    public static DiagonalGmm importFrom(ModelState s, String prefix) {
        ModelState.Array m = s.array(prefix + "means");
        if (m.shape().length != 2) {
            throw new IllegalArgumentException("array '" + prefix + "means' must be [components, dimension]");
        }
        int k = m.shape()[0], d = m.shape()[1];
        return new DiagonalGmm(s.array(prefix + "weights", k), m.data(), s.array(prefix + "variances", k, d));
    }
}
