package org.convkit.cnn.nn;

import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.convkit.filters.resize.Resize;

/**
 * Turns an image into a network input: samples multiplied by {@code scale} (the caller's factor to
 * [0, 1]: for an 8-bit file 1/255, as torchvision's ToTensor), channels converted (RGB to gray by the
 * mean of R, G and B; gray to RGB by repetition) and the size changed by filters' antialiased bilinear
 * {@link Resize}. The model's {@link org.convkit.cnn.train.Normalisation} comes after.
 */
public final class InputAdapter {
    private InputAdapter() {}

    /** How the image's channels were made the input's. */
    public enum Channels {
        /** The image had the input's channel count. */
        KEPT,
        /** RGB made gray by the mean of its channels. */
        TO_GRAY,
        /** Gray repeated as each of the input's channels. */
        REPEATED
    }

    /** The CHW pixels, what was done to the channels, and whether the size was changed. */
    public record Adapted(float[] pixels, Channels channels, boolean resized) {}

    /** {@code image} as a {@code shape} (CxHxW) input, its samples times {@code scale}, converted and resized when it differs. */
    public static Adapted adapt(FloatImage img, float scale, int[] shape) {
        int c = shape[0], h = shape[1], w = shape[2];
        float[][] planes = new float[c][];
        Channels channels;
        if (img.channelCount() == c) {
            for (int k = 0; k < c; k++) {
                planes[k] = img.channel(k).data();
            }
            channels = Channels.KEPT;
        } else if (c == 1) {
            planes[0] = img.channelMean().data();
            channels = Channels.TO_GRAY;
        } else {
            for (int k = 0; k < c; k++) {
                planes[k] = img.channel(Math.min(k, img.channelCount() - 1)).data();
            }
            channels = Channels.REPEATED;
        }
        boolean resize = img.width() != w || img.height() != h;
        float[] out = new float[c * h * w];
        for (int k = 0; k < c; k++) {
            float[] p = resize ? Resize.bilinear(new Plane(img.width(), img.height(), planes[k]), w, h).data() : planes[k];
            for (int i = 0; i < h * w; i++) {
                out[k * h * w + i] = p[i] * scale;
            }
        }
        return new Adapted(out, channels, resize);
    }
}
