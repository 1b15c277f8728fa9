package org.convkit.io.image;

import org.convkit.filters.image.Plane;

/** Packs planes pixel by pixel ({@code RGBARGBA...} or any order) at a chosen depth, for the encoders. */
final class Interleave {
    private Interleave() {}

    /**
     * The planes of {@code img} in {@code order} (channel indexes; {@code channelCount()} means alpha).
     */
    static Plane[] planes(DecodedImage img, int[] order) {
        Plane[] out = new Plane[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = order[k] == img.image().channelCount() ? img.alpha() : img.image().channel(order[k]);
        }
        return out;
    }

    /** The order channels then alpha (when {@code withAlpha} and present). */
    static int[] natural(DecodedImage img, boolean withAlpha) {
        int n = img.image().channelCount() + (withAlpha && img.hasAlpha() ? 1 : 0);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static Quantizer[] quantizers(DecodedImage img, int[] order, SampleDepth depth, RangeMode range) {
        Quantizer colour = Quantizer.forColour(img, depth, range);
        Quantizer alpha = Quantizer.forAlpha(img, depth);
        Quantizer[] q = new Quantizer[order.length];
        for (int k = 0; k < order.length; k++) {
            q[k] = order[k] == img.image().channelCount() ? alpha : colour;
        }
        return q;
    }

    static byte[] bytes(DecodedImage img, int[] order, RangeMode range) {
        Plane[] planes = planes(img, order);
        Quantizer[] q = quantizers(img, order, SampleDepth.U8, range);
        int n = planes.length;
        byte[] out = new byte[img.width() * img.height() * n];
        for (int k = 0; k < n; k++) {
            q[k].toBytes(planes[k].data(), out, k, n);
        }
        return out;
    }

    static short[] shorts(DecodedImage img, int[] order, RangeMode range) {
        Plane[] planes = planes(img, order);
        Quantizer[] q = quantizers(img, order, SampleDepth.U16, range);
        int n = planes.length;
        short[] out = new short[img.width() * img.height() * n];
        for (int k = 0; k < n; k++) {
            q[k].toShorts(planes[k].data(), out, k, n);
        }
        return out;
    }

    /** Float samples keep the image's scale; nothing is clamped. */
    static float[] floats(DecodedImage img, int[] order) {
        Plane[] planes = planes(img, order);
        int n = planes.length;
        float[] out = new float[img.width() * img.height() * n];
        for (int k = 0; k < n; k++) {
            float[] src = planes[k].data();
            for (int i = 0, o = k; i < src.length; i++, o += n) {
                out[o] = src[i];
            }
        }
        return out;
    }
}
