package org.convkit.io.model;

import java.util.Arrays;
import java.util.Locale;
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

    /** The shape of a network's input, {channels, height, width} (NCHW without N). */
    public static InputShape ofChw(int[] chw) {
        if (chw.length != 3) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(chw) + " is not CxHxW");
        }
        return new InputShape(chw[2], chw[1], chw[0]);
    }

    /** {channels, height, width}, as a network takes one sample. */
    public int[] chw() { return new int[] {channels, height, width}; }

    /**
     * "1x28x28" as {1, 28, 28}: three positive integers, channels first (any number of them; an image model's
     * shape is then {@link #ofChw}). A {@link ModelFormatException} saying so otherwise.
     */
    public static int[] parseChw(String s) throws ModelFormatException {
        try {
            int[] shape = Arrays.stream(s.trim().toLowerCase(Locale.ROOT).split("x")).mapToInt(Integer::parseInt).toArray();
            if (shape.length == 3 && Arrays.stream(shape).allMatch(d -> d > 0)) {
                return shape;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ModelFormatException("input shape '" + s + "' is not CxHxW");
    }

    public boolean sameSize(InputShape o) { return width == o.width && height == o.height; }

    /** "28x28 gray", "32x32 RGB". */
    @Override
    public String toString() { return width + "x" + height + " " + (channels == 1 ? "gray" : "RGB"); }
}
