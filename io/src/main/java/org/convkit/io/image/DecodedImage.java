package org.convkit.io.image;

import java.util.Objects;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * An image as read from a file: its gray or RGB channels in the file's scale, the alpha plane kept
 * apart (null when there is none) so that filters never touch it, and the depth of the file's samples.
 */
public record DecodedImage(FloatImage image, Plane alpha, SampleDepth depth) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(depth, "depth");
        if (alpha != null && !alpha.sameSize(image.channel(0))) {
            throw new IllegalArgumentException("alpha " + alpha + " does not match " + image);
        }
    }

    public DecodedImage(FloatImage image, SampleDepth depth) { this(image, null, depth); }

    public boolean hasAlpha() { return alpha != null; }

    public int width() { return image.width(); }

    public int height() { return image.height(); }

    /** The same alpha and depth around new channels (a filter's result). */
    public DecodedImage withImage(FloatImage result) { return new DecodedImage(result, alpha, depth); }

    @Override
    public String toString() {
        return width() + "x" + height() + " " + (image.channelCount() == 1 ? "gray" : "RGB")
                + (hasAlpha() ? "+alpha" : "") + " " + depth;
    }
}
