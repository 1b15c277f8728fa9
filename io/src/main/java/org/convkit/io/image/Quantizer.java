package org.convkit.io.image;

import org.convkit.filters.image.Plane;

/**
 * Maps float samples to the integers of an output depth: optional |v|, then {@code v * scale + offset},
 * rounded to nearest (ties to even, as OpenCV's saturate_cast) and clamped to {@code 0..max}.
 * Every {@link RangeMode} is one such map.
 */
record Quantizer(boolean abs, float scale, float offset, float max) {
    /** 1.5 * 2^23: adding and subtracting it rounds a float in [0, 2^22] to the nearest integer, ties to even. */
    private static final float ROUND = 12582912f;

    int apply(float v) {
        float t = (abs ? Math.abs(v) : v) * scale + offset;
        t = t >= 0f ? t : 0f;          // also NaN -> 0
        t = t <= max ? t : max;
        return (int) ((t + ROUND) - ROUND);
    }

    /** {@link #apply} over a whole plane into every {@code step}-th byte of {@code out} from {@code start}. */
    void toBytes(float[] src, byte[] out, int start, int step) {
        boolean a = abs;
        float s = scale, o = offset, m = max;
        for (int i = 0, k = start; i < src.length; i++, k += step) {
            float t = (a ? Math.abs(src[i]) : src[i]) * s + o;
            t = t >= 0f ? t : 0f;
            t = t <= m ? t : m;
            out[k] = (byte) (int) ((t + ROUND) - ROUND);
        }
    }

    void toShorts(float[] src, short[] out, int start, int step) {
        boolean a = abs;
        float s = scale, o = offset, m = max;
        for (int i = 0, k = start; i < src.length; i++, k += step) {
            float t = (a ? Math.abs(src[i]) : src[i]) * s + o;
            t = t >= 0f ? t : 0f;
            t = t <= m ? t : m;
            out[k] = (short) (int) ((t + ROUND) - ROUND);
        }
    }

    /** The map for an image's colour channels written at {@code target} depth. */
    static Quantizer forColour(DecodedImage img, SampleDepth target, RangeMode range) {
        float max = target.max();
        float scale = img.depth().scaleTo(target);
        return switch (range) {
            case CLAMP -> new Quantizer(false, scale, 0f, max);
            case ABS -> new Quantizer(true, scale, 0f, max);
            case OFFSET -> new Quantizer(false, scale, (max + 1f) / 2f, max);
            case NORMALIZE -> {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (Plane p : img.image().channels()) {
                    for (float v : p.data()) {
                        if (v < lo) lo = v;
                        if (v > hi) hi = v;
                    }
                }
                yield hi > lo ? new Quantizer(false, max / (hi - lo), -lo * max / (hi - lo), max)
                        : new Quantizer(false, 0f, 0f, max);
            }
        };
    }

    /** Alpha is never range-mapped, only rescaled between depths (a float alpha is taken in 8-bit scale). */
    static Quantizer forAlpha(DecodedImage img, SampleDepth target) {
        return new Quantizer(false, img.depth().scaleTo(target), 0f, target.max());
    }
}
