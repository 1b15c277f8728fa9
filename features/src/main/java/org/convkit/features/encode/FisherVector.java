package org.convkit.features.encode;

import org.convkit.features.sift.Descriptors;
import org.convkit.features.state.ModelState;

/**
 * The improved Fisher vector (Perronnin, Sanchez &amp; Mensink, ECCV 2010) of descriptors under a
 * diagonal GMM, laid out as VLFeat's {@code vl_fisher} lays it out: the K mean gradients
 * {@code u_k = 1/(N sqrt(w_k)) sum_i g_ik (x_i - mu_k)/sigma_k}, then the K variance gradients
 * {@code v_k = 1/(N sqrt(2 w_k)) sum_i g_ik ((x_i - mu_k)^2/sigma_k^2 - 1)}, 2KD values; then signed
 * square root (power normalisation) and L2 normalisation. With a spatial pyramid, each cell gets its
 * own normalised vector, scaled by {@code 1/sqrt(cells)}. Posteriors below 1e-4 are skipped, as VLFeat does.
 */
public final class FisherVector implements DescriptorEncoder {
    private static final float MIN_POSTERIOR = 1e-4f;

    private final DiagonalGmm gmm;
    private final SpatialPyramid pyramid;
    private final float[] invSigma;
    private final float[] meanScale;
    private final float[] varScale;

    public FisherVector(DiagonalGmm gmm, SpatialPyramid pyramid) {
        this.gmm = gmm;
        this.pyramid = pyramid;
        int k = gmm.components(), d = gmm.dimension();
        float[] v = gmm.variances(), w = gmm.weights();
        invSigma = new float[k * d];
        for (int i = 0; i < v.length; i++) {
            invSigma[i] = (float) (1 / Math.sqrt(v[i]));
        }
        meanScale = new float[k];
        varScale = new float[k];
        for (int j = 0; j < k; j++) {
            meanScale[j] = (float) (1 / Math.sqrt(w[j]));
            varScale[j] = (float) (1 / Math.sqrt(2 * w[j]));
        }
    }

    public static FisherVector fit(float[] sample, int n, int d, int k, SpatialPyramid pyramid, long seed, int maxIterations) {
        return new FisherVector(DiagonalGmm.fit(sample, n, d, k, seed, maxIterations), pyramid);
    }

    public DiagonalGmm gmm() { return gmm; }

    @Override
    public int inputDimension() { return gmm.dimension(); }

    @Override
    public int outputDimension() {
        return Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(2, gmm.components()), gmm.dimension()), pyramid.cellCount());
    }

    @Override
    public float[] encode(Descriptors desc) {
        int k = gmm.components(), d = gmm.dimension(), cells = pyramid.cellCount(), per = 2 * k * d;
        if (desc.dimension() != d) {
            throw new IllegalArgumentException("descriptors have " + desc.dimension() + " dimensions, the mixture " + d);
        }
        float[] fv = new float[per * cells];
        int[] counts = new int[cells];
        int[] cellOf = new int[pyramid.levels().length];
        float[] post = new float[k], diff = new float[d];
        float[] x = desc.data(), mu = gmm.means();
        for (int i = 0; i < desc.count(); i++) {
            gmm.posteriors(x, i * d, post);
            pyramid.cellsOf(desc.x()[i], desc.y()[i], desc.imageWidth(), desc.imageHeight(), cellOf);
            for (int c : cellOf) {
                counts[c]++;
            }
            for (int j = 0; j < k; j++) {
                float g = post[j];
                if (g < MIN_POSTERIOR) {
                    continue;
                }
                for (int t = 0; t < d; t++) {
                    diff[t] = (x[i * d + t] - mu[j * d + t]) * invSigma[j * d + t];
                }
                for (int c : cellOf) {
                    int u = c * per + j * d, v = c * per + k * d + j * d;
                    for (int t = 0; t < d; t++) {
                        fv[u + t] += g * diff[t];
                        fv[v + t] += g * (diff[t] * diff[t] - 1);
                    }
                }
            }
        }
        float cellScale = (float) (1 / Math.sqrt(cells));
        for (int c = 0; c < cells; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double sq = 0;
            for (int j = 0; j < k; j++) {
                float su = meanScale[j] / counts[c], sv = varScale[j] / counts[c];
                for (int t = 0; t < d; t++) {
                    int u = c * per + j * d + t, v = c * per + k * d + j * d + t;
                    fv[u] = signedSqrt(fv[u] * su);
                    fv[v] = signedSqrt(fv[v] * sv);
                    sq += fv[u] * fv[u] + fv[v] * fv[v];
                }
            }
            if (sq > 0) {
                float s = (float) (cellScale / Math.sqrt(sq));
                for (int i = c * per; i < (c + 1) * per; i++) {
                    fv[i] *= s;
                }
            }
        }
        return fv;
    }

    private static float signedSqrt(float v) { return Math.copySign((float) Math.sqrt(Math.abs(v)), v); }

    @Override
    public void exportTo(ModelState s, String prefix) {
        s.putString(prefix + "kind", "fisher");
        s.putString(prefix + "pyramid", pyramid.format());
        gmm.exportTo(s, prefix + "gmm.");
    }

    static FisherVector importFrom(ModelState s, String prefix) {
        return new FisherVector(DiagonalGmm.importFrom(s, prefix + "gmm."), SpatialPyramid.parse(s.string(prefix + "pyramid")));
    }
}
