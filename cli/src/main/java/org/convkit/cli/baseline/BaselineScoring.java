package org.convkit.cli.baseline;

import org.convkit.io.image.DecodedImage;

/**
 * {@code convkit baseline predict}'s step from a decoded image to its class scores, public for callers
 * outside the command (the Spark predict job), so that they score an image exactly as the command does.
 */
public final class BaselineScoring {
    private BaselineScoring() {}

    /**
     * One score per class (-infinity for a class the training lacked), after fitting the image to the
     * model's input as the command does; IllegalArgumentException when the image cannot be used.
     */
    public static float[] scores(BaselineModel model, DecodedImage image) {
        return model.scores(ImageAdapter.adapt(image, model.input(), model.features().feature()).image());
    }
}
