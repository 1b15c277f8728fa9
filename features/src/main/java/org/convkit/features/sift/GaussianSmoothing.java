package org.convkit.features.sift;

import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;

/**
 * PHOW's pre-smoothing, as VLFeat's {@code vl_imsmooth} defines it: a normalised sampled Gaussian of
 * half-width {@code ceil(4 sigma)}, applied along rows then columns, samples beyond the border
 * replicated ("continuity" padding). Kept here until the filters module's convolution engine lands;
 * then this becomes a call to it.
 */
final class GaussianSmoothing {
    private GaussianSmoothing() {}

    static float[] kernel(double sigma) {
        int r = (int) Math.ceil(4 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        double[] w = new double[k.length];
        for (int i = -r; i <= r; i++) {
            w[i + r] = Math.exp(-0.5 * (i / sigma) * (i / sigma));
            sum += w[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (w[i] / sum);
        }
        return k;
    }

    static Plane smooth(Plane src, double sigma) {
        if (sigma <= 0) {
            return src;
        }
        float[] k = kernel(sigma);
        int r = k.length / 2;
        int w = src.width(), h = src.height();
        float[] in = src.data();
        float[] tmp = new float[w * h];
        Border b = Border.REPLICATE;
        // Rows: build a padded copy so the inner loop has no border tests.
        float[] row = new float[w + 2 * r];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < row.length; i++) {
                row[i] = in[y * w + b.mode().index(i - r, w)];
            }
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int j = 0; j < k.length; j++) {
                    acc += k[j] * row[x + j];
                }
                tmp[y * w + x] = acc;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int j = 0; j < k.length; j++) {
                int yy = b.mode().index(y + j - r, h);
                float kj = k[j];
                int o = y * w, s = yy * w;
                for (int x = 0; x < w; x++) {
                    out[o + x] += kj * tmp[s + x];
                }
            }
        }
        return new Plane(w, h, out);
    }
}
