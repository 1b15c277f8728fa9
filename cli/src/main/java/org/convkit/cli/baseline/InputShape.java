package org.convkit.cli.baseline;

import org.convkit.io.image.DecodedImage;

/** The images a model was trained on: width, height and channels (1 gray, 3 RGB). */
public record InputShape(int width, int height, int channels) {
    public InputShape {
        if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("input shape " + width + "x" + height + "x" + channels + " is not an image shape");
        }
    }

    public static InputShape of(DecodedImage image) {
        return new InputShape(image.width(), image.height(), image.image().channelCount());
    }

    public boolean sameSize(InputShape o) { return width == o.width && height == o.height; }

    /** "28x28 gray", "32x32 RGB". */
    @Override
    public String toString() { return width + "x" + height + " " + (channels == 1 ? "gray" : "RGB"); }
}
