package org.convkit.filters.resize;

import org.convkit.filters.image.Plane;

/**
 * Changing a plane's size. One method for now: the antialiased bilinear resize of Pillow's
 * {@code Image.resize(..., BILINEAR)} and MATLAB's {@code imresize(..., 'bilinear')}: a triangle filter
 * whose half-width grows with the shrink factor, so that shrinking averages instead of aliasing,
 * sample centres aligned ({@code x_in = (x_out + 0.5) / scale - 0.5}), run as two 1-D passes.
 */
public final class Resize {
    private Resize() {}

    /** {@code src} resized to {@code width x height}; the same plane's copy when the size is unchanged. */
    public static Plane bilinear(Plane src, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "x" + height);
        }
        if (src.width() == width && src.height() == height) {
            return src.copy();
        }
        int w = src.width(), h = src.height();
        float[] rows = new float[width * h];
        Taps tx = Taps.of(w, width);
        for (int y = 0; y < h; y++) {
            tx.apply(src.data(), y * w, 1, rows, y * width, 1);
        }
        float[] out = new float[width * height];
        Taps ty = Taps.of(h, height);
        for (int x = 0; x < width; x++) {
            ty.apply(rows, x, width, out, x, width);
        }
        return new Plane(width, height, out);
    }

    /** For each output sample, the first input index and the normalised triangle weights. */
    private record Taps(int[] first, float[][] weights) {
        static Taps of(int in, int out) {
            double scale = (double) out / in;
            double support = scale < 1 ? 1 / scale : 1; // triangle half-width in input samples
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) / scale - 0.5;
                int lo = Math.max((int) Math.floor(centre - support) + 1, 0);
                int hi = Math.min((int) Math.ceil(centre + support) - 1, in - 1);
                if (hi < lo) {
                    lo = hi = (int) Math.max(0, Math.min(in - 1, Math.round(centre)));
                }
                float[] wts = new float[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    double wgt = Math.max(0, 1 - Math.abs(i - centre) / support);
                    wts[i - lo] = (float) wgt;
                    sum += wgt;
                }
                for (int i = 0; i < wts.length; i++) {
                    wts[i] = sum > 0 ? (float) (wts[i] / sum) : 1f / wts.length;
                }
                first[o] = lo;
                weights[o] = wts;
            }
            return new Taps(first, weights);
        }

        void apply(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                float[] wts = weights[o];
                float s = 0;
                for (int i = 0; i < wts.length; i++) {
                    s += wts[i] * src[srcOff + (first[o] + i) * srcStride];
                }
                dst[dstOff + o * dstStride] = s;
            }
        }
    }
}
