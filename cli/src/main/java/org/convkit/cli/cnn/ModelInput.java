package org.convkit.cli.cnn;

import org.convkit.cnn.nn.InputAdapter;
import org.convkit.io.image.DecodedImage;

/**
 * A decoded image as a model's input: cnn's {@link InputAdapter} with the samples scaled to [0, 1] by the
 * file's depth (an 8-bit 255 becomes 1, as torchvision's ToTensor), and the warning that tells the user
 * what was changed to fit.
 */
final class ModelInput {
    private ModelInput() {}

    /** The CHW pixels in [0, 1], and a warning (or null) saying what was changed to fit. */
    record Input(float[] pixels, String warning) {}

    /**
     * {@code image} as a {@code shape} (CxHxW) input, converted and resized when it differs; the warning
     * leaves out the resize when {@code resizeExpected} (a model trained with {@code --resize}).
     */
    static Input of(DecodedImage image, int[] shape, boolean resizeExpected) {
        float scale = image.depth().isInteger() ? 1f / image.depth().max() : 1f;
        InputAdapter.Adapted a = InputAdapter.adapt(image.image(), scale, shape);
        StringBuilder warning = new StringBuilder();
        switch (a.channels()) {
            case TO_GRAY -> warning.append("RGB converted to gray");
            case REPEATED -> warning.append("gray repeated as ").append(shape[0]).append(" channels");
            case KEPT -> { }
        }
        if (a.resized() && !resizeExpected) {
            warning.append(warning.isEmpty() ? "" : "; ").append("resized from ").append(image.width()).append('x')
                    .append(image.height()).append(" to ").append(shape[2]).append('x').append(shape[1]);
        }
        return new Input(a.pixels(), warning.isEmpty() ? null : warning.toString());
    }
}
