package org.convkit.cli.cnn;

import java.util.List;
import org.convkit.cnn.nn.Inference;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.train.Normalisation;
import org.convkit.io.image.DecodedImage;

/**
 * {@code convkit cnn predict}'s steps from decoded images to class probabilities, public for callers
 * outside the command (the Spark predict job), so that they score images exactly as the command does:
 * the same input adapter, normalisation, batch size and softmax.
 */
public final class CnnScoring {
    private CnnScoring() {}

    /** The image as the model's normalised CHW input (converted and resized as the command does). */
    public static float[] input(CnnModel model, DecodedImage image) {
        float[] x = ModelInput.of(image, model.inputShape(), model.resizesInputs()).pixels();
        new Normalisation(model.mean(), model.std()).apply(x, 0, model.inputShape());
        return x;
    }

    /** Inputs per batch for this network, as the command batches them. */
    public static int batch(Network network) { return Inference.batch(network); }

    /** The class probabilities of {@code inputs} (each from {@link #input}), one row per input. */
    public static float[][] probabilities(CnnModel model, List<float[]> inputs) {
        float[][] logits = Inference.logits(model.network(), inputs.size(), inputs::get);
        float[][] p = new float[logits.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = Inference.softmax(logits[i]);
        }
        return p;
    }
}
