package org.convkit.features.pixels;

import org.convkit.features.FeatureExtractor;
import org.convkit.filters.image.FloatImage;

/**
 * The raw pixels as a feature vector, times {@code scale} (1/255 puts 8-bit images in [0, 1]), in
 * NumPy's order for an (rows, cols, channels) array: row by row, pixel by pixel, channels interleaved.
 */
public final class Pixels implements FeatureExtractor {
    private final float scale;

    public Pixels(float scale) { this.scale = scale; }

    @Override
    public int length(int width, int height, int channels) { return Math.multiplyExact(Math.multiplyExact(width, height), channels); }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        int n = image.width() * image.height();
        int c = image.channelCount();
        if (offset < 0 || offset + n * c > out.length) {
            throw new IllegalArgumentException("output too short for " + n * c + " pixel values");
        }
        for (int k = 0; k < c; k++) {
            float[] d = image.channel(k).data();
            for (int i = 0; i < n; i++) {
                out[offset + i * c + k] = d[i] * scale;
            }
        }
    }
}
