package org.convkit.cli.cnn;

import org.convkit.cli.io.DecodedImage;
import org.convkit.filters.image.FloatImage;

/**
 * Turns a decoded image into a network input: samples scaled to [0, 1] by the file's depth (an 8-bit
 * 255 becomes 1, as torchvision's ToTensor), channels converted (RGB to gray by the mean of R, G and B;
 * gray to RGB by repetition) and the size changed by an antialiased bilinear resize (a triangle filter
 * widened by the shrink factor, as Pillow's and MATLAB's), then normalised per channel.
 */
final class InputAdapter {
    private InputAdapter() {}

    /** The CHW pixels in [0, 1], and a warning (or null) saying what was changed to fit. */
    record Adapted(float[] pixels, String warning) {}

    /** {@code image} as a {@code shape} (CxHxW) input, converted and resized when it differs. */
    static Adapted adapt(DecodedImage image, int[] shape) {
        int c = shape[0], h = shape[1], w = shape[2];
        FloatImage img = image.image();
        int n = image.width() * image.height();
        float scale = image.depth().isInteger() ? 1f / image.depth().max() : 1f;
        float[][] planes = new float[c][];
        StringBuilder warning = new StringBuilder();
        if (img.channelCount() == c) {
            for (int k = 0; k < c; k++) {
                planes[k] = img.channel(k).data();
            }
        } else if (c == 1) {
            float[] mean = new float[n];
            for (int k = 0; k < img.channelCount(); k++) {
                float[] d = img.channel(k).data();
                for (int i = 0; i < n; i++) {
                    mean[i] += d[i] / img.channelCount();
                }
            }
            planes[0] = mean;
            warning.append("RGB converted to gray");
        } else {
            for (int k = 0; k < c; k++) {
                planes[k] = img.channel(Math.min(k, img.channelCount() - 1)).data();
            }
            warning.append("gray repeated as ").append(c).append(" channels");
        }
        boolean resize = image.width() != w || image.height() != h;
        if (resize) {
            warning.append(warning.isEmpty() ? "" : "; ").append("resized from ").append(image.width()).append('x')
                    .append(image.height()).append(" to ").append(w).append('x').append(h);
        }
        float[] out = new float[c * h * w];
        for (int k = 0; k < c; k++) {
            float[] p = resize ? resize(planes[k], image.width(), image.height(), w, h) : planes[k];
            for (int i = 0; i < h * w; i++) {
                out[k * h * w + i] = p[i] * scale;
            }
        }
        return new Adapted(out, warning.isEmpty() ? null : warning.toString());
    }

    /** In place: {@code (x - mean[c]) / std[c]} over the CHW sample at {@code offset}. */
    static void normalise(float[] x, int offset, int[] shape, float[] mean, float[] std) {
        int hw = shape[1] * shape[2];
        for (int c = 0; c < shape[0]; c++) {
            float m = mean[c], inv = 1f / std[c];
            for (int i = offset + c * hw, end = i + hw; i < end; i++) {
                x[i] = (x[i] - m) * inv;
            }
        }
    }

    /** Separable antialiased bilinear resize of a row-major {@code w x h} plane. */
    static float[] resize(float[] src, int w, int h, int newW, int newH) {
        float[] rows = new float[newW * h];
        Taps tx = Taps.of(w, newW);
        for (int y = 0; y < h; y++) {
            tx.apply(src, y * w, 1, rows, y * newW, 1);
        }
        float[] out = new float[newW * newH];
        Taps ty = Taps.of(h, newH);
        for (int x = 0; x < newW; x++) {
            ty.apply(rows, x, newW, out, x, newW);
        }
        return out;
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
                int lo = (int) Math.floor(centre - support) + 1, hi = (int) Math.ceil(centre + support) - 1;
                lo = Math.max(lo, 0);
                hi = Math.min(hi, in - 1);
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
