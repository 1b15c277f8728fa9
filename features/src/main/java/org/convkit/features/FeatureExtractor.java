package org.convkit.features;

import org.convkit.filters.image.FloatImage;

/**
 * Turns one image into one fixed-length feature vector. Implementations are immutable and safe to
 * call from several threads at once, so a data set can be extracted in parallel with one instance.
 */
public interface FeatureExtractor {

    /** The vector length for an image of this size and channel count. */
    int length(int width, int height, int channels);

    /** Writes the vector of {@code image} into {@code out[offset, offset + length)}. */
    void extract(FloatImage image, float[] out, int offset);

    /** The vector of {@code image} in a new array. */
    default float[] extract(FloatImage image) {
        float[] out = new float[length(image.width(), image.height(), image.channelCount())];
        extract(image, out, 0);
        return out;
    }
}
