package org.convkit.cli.cnn;

import org.convkit.io.image.DecodedImage;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.convkit.filters.resize.Resize;

/**
 * Turns a decoded image into a network input: samples scaled to [0, 1] by the file's depth (an 8-bit
 * 255 becomes 1, as torchvision's ToTensor), channels converted (RGB to gray by the mean of R, G and B;
 * gray to RGB by repetition) and the size changed by filters' antialiased bilinear {@link Resize}. The
 * model's {@link org.convkit.cnn.train.Normalisation} comes after.
 */
final class InputAdapter {
    private InputAdapter() {}

    /** The CHW pixels in [0, 1], and a warning (or null) saying what was changed to fit. */
    record Adapted(float[] pixels, String warning) {}

    /** {@code image} as a {@code shape} (CxHxW) input, converted and resized when it differs. */
    static Adapted adapt(DecodedImage image, int[] shape) {
        int c = shape[0], h = shape[1], w = shape[2];
        FloatImage img = image.image();
        float scale = image.depth().isInteger() ? 1f / image.depth().max() : 1f;
        float[][] planes = new float[c][];
        StringBuilder warning = new StringBuilder();
        if (img.channelCount() == c) {
            for (int k = 0; k < c; k++) {
                planes[k] = img.channel(k).data();
            }
        } else if (c == 1) {
            planes[0] = img.channelMean().data();
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
            float[] p = resize ? Resize.bilinear(new Plane(image.width(), image.height(), planes[k]), w, h).data() : planes[k];
            for (int i = 0; i < h * w; i++) {
                out[k * h * w + i] = p[i] * scale;
            }
        }
        return new Adapted(out, warning.isEmpty() ? null : warning.toString());
    }
}
