package org.convkit.spark.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.convkit.cli.baseline.BaselineModel;
import org.convkit.cli.baseline.BaselineScoring;
import org.convkit.cli.cnn.CnnModel;
import org.convkit.cli.cnn.CnnScoring;
import org.convkit.io.image.DecodedImage;
import org.convkit.cnn.nn.Network;

/**
 * The Spark jobs' one door to convkit's model files and to the steps {@code convkit baseline predict}
 * and {@code convkit cnn predict} take between a decoded image and its scores (the CLI's
 * {@link BaselineScoring} and {@link CnnScoring}), so that a job scores an image exactly as the command does.
 */
public final class ConvkitModels {
    private ConvkitModels() {}

    /** A model file's kind. */
    public enum Kind { BASELINE, CNN }

    /** The kind of a local model file, or an {@link IOException} with the CLI's reasons. */
    public static Kind kindOf(Path file) throws IOException {
        try {
            BaselineModel.load(file);
            return Kind.BASELINE;
        } catch (IOException | RuntimeException asBaseline) {
            try {
                CnnModel.load(file);
                return Kind.CNN;
            } catch (IOException | RuntimeException asCnn) {
                throw new InputException("not a convkit model file (as a baseline model: " + ConvkitIo.reason(asBaseline)
                        + "; as a network: " + ConvkitIo.reason(asCnn) + ")");
            }
        }
    }

    public static BaselineModel baseline(Path file) throws IOException { return BaselineModel.load(file); }

    public static CnnModel cnn(Path file) throws IOException { return CnnModel.load(file); }

    /** {@code convkit baseline predict}'s scores of one image, one per class (-infinity for a class the training lacked). */
    public static float[] scores(BaselineModel model, DecodedImage image) { return BaselineScoring.scores(model, image); }

    /** {@code convkit cnn predict}'s normalised input of one image. */
    public static float[] input(CnnModel model, DecodedImage image) { return CnnScoring.input(model, image); }

    /** Inputs per batch for this network, as {@code convkit cnn predict} batches them. */
    public static int batch(Network network) { return CnnScoring.batch(network); }

    /** The class probabilities of {@code inputs} (from {@link #input}), one row each. */
    public static float[][] probabilities(CnnModel model, List<float[]> inputs) { return CnnScoring.probabilities(model, inputs); }

    /** The best class: the highest score, the first of equal ones (as both predict commands order them). */
    public static int best(float[] scores) {
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }
}
