package org.convkit.cli.baseline;

import org.convkit.io.image.DecodedImage;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.convkit.filters.resize.Resize;

/**
 * Fits an image to a model's input before its feature stage. Channels are converted (RGB to gray by
 * the mean of R, G and B, as LMgist does; gray to RGB by repeating the plane). Pixels and hog vectors are
 * laid out on the image grid, so for them an image of another size is resized to the model's (filters'
 * antialiased bilinear resize, as {@code convkit cnn predict} does) with a warning; gist resizes every
 * image itself and dense SIFT pools over the whole image, so for them another size is kept (gist
 * silently, since that is its design; dense SIFT with a warning, since its descriptors then see the
 * garment at another scale).
 */
final class ImageAdapter {
    private ImageAdapter() {}

    /** The image as the model takes it, and a warning (or null) saying what was changed. */
    record Adapted(DecodedImage image, String warning) {}

    /** Throws IllegalArgumentException with a readable reason when the image cannot be used. */
    static Adapted adapt(DecodedImage image, InputShape input, BaselineFeature feature) {
        InputShape got = InputShape.of(image);
        StringBuilder warning = new StringBuilder();
        DecodedImage out = image;
        if (got.channels() != input.channels()) {
            out = withChannels(image, input.channels());
            warning.append(got.channels() == 3 ? "RGB converted to gray" : "gray repeated as RGB");
        }
        if (!got.sameSize(input) && feature.sizeDependent()) {
            out = new DecodedImage(out.image().map(p -> Resize.bilinear(p, input.width(), input.height())), out.depth());
            warning.append(warning.isEmpty() ? "" : "; ").append("resized from ").append(got.width()).append("x")
                    .append(got.height()).append(" to ").append(input.width()).append("x").append(input.height());
        }
        if (!got.sameSize(input) && feature.isDenseSift()) {
            warning.append(warning.isEmpty() ? "" : "; ").append(got.width()).append("x").append(got.height())
                    .append(" where the model was trained on ").append(input.width()).append("x").append(input.height())
                    .append(" (dense SIFT then works at another scale)");
        }
        return new Adapted(out, warning.isEmpty() ? null : warning.toString());
    }

    static DecodedImage withChannels(DecodedImage image, int channels) {
        FloatImage img = image.image();
        if (channels == 3) {
            Plane p = img.channel(0);
            return new DecodedImage(new FloatImage(p, p.copy(), p.copy()), image.depth());
        }
        return new DecodedImage(new FloatImage(img.channelMean()), image.depth());
    }
}
