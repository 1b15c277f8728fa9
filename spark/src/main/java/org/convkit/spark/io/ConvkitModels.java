package org.convkit.spark.io;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.convkit.cli.baseline.BaselineModel;
import org.convkit.cli.cnn.CnnModel;
import org.convkit.cli.io.DecodedImage;
import org.convkit.cnn.nn.Network;

/**
 * The Spark jobs' one door to convkit's model files and to the steps {@code convkit baseline predict}
 * and {@code convkit cnn predict} take between a decoded image and its scores. Those steps are the
 * CLI's own package-private code (how an image is fitted to a model's input, how a network is run in
 * batches); they are called here, through method handles, rather than copied, so that a job scores an
 * image exactly as the command does.
 */
public final class ConvkitModels {
    private static final MethodHandle BASELINE_ADAPT;
    private static final MethodHandle BASELINE_ADAPTED_IMAGE;
    private static final MethodHandle CNN_ADAPT;
    private static final MethodHandle CNN_ADAPTED_PIXELS;
    private static final MethodHandle CNN_NORMALISE;
    private static final MethodHandle CNN_BATCH;
    private static final MethodHandle CNN_LOGITS;
    private static final MethodHandle SOFTMAX;

    static {
        try {
            BASELINE_ADAPT = handle("org.convkit.cli.baseline.ImageAdapter", "adapt");
            BASELINE_ADAPTED_IMAGE = handle("org.convkit.cli.baseline.ImageAdapter$Adapted", "image");
            CNN_ADAPT = handle("org.convkit.cli.cnn.InputAdapter", "adapt");
            CNN_ADAPTED_PIXELS = handle("org.convkit.cli.cnn.InputAdapter$Adapted", "pixels");
            CNN_NORMALISE = handle("org.convkit.cli.cnn.InputAdapter", "normalise");
            CNN_BATCH = handle("org.convkit.cli.cnn.Inference", "batch");
            CNN_LOGITS = handle("org.convkit.cli.cnn.Inference", "logits");
            SOFTMAX = handle("org.convkit.cli.cnn.Inference", "softmax");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ConvkitModels() {}

    private static MethodHandle handle(String className, String method) throws ReflectiveOperationException {
        for (Method m : Class.forName(className).getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                m.setAccessible(true);
                return MethodHandles.lookup().unreflect(m);
            }
        }
        throw new NoSuchMethodException(className + "." + method);
    }

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
    public static float[] scores(BaselineModel model, DecodedImage image) {
        try {
            Object adapted = BASELINE_ADAPT.invoke(image, model.input(), model.features().feature());
            return model.scores((DecodedImage) BASELINE_ADAPTED_IMAGE.invoke(adapted));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code convkit cnn predict}'s normalised input of one image. */
    public static float[] input(CnnModel model, DecodedImage image) {
        try {
            float[] x = (float[]) CNN_ADAPTED_PIXELS.invoke(CNN_ADAPT.invoke(image, model.inputShape()));
            CNN_NORMALISE.invoke(x, 0, model.inputShape(), model.mean(), model.std());
            return x;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Inputs per batch for this network, as {@code convkit cnn predict} batches them. */
    public static int batch(Network network) {
        try {
            return (int) CNN_BATCH.invoke(network);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The class probabilities of {@code inputs} (from {@link #input}), one row each. */
    public static float[][] probabilities(CnnModel model, List<float[]> inputs) {
        try {
            IntFunction<float[]> sample = inputs::get;
            float[][] logits = (float[][]) CNN_LOGITS.invoke(model.network(), inputs.size(), sample);
            float[][] p = new float[logits.length][];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float[]) SOFTMAX.invoke(logits[i]);
            }
            return p;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

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
