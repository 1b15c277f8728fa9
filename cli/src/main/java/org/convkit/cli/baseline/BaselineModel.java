package org.convkit.cli.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.SampleDepth;
import org.convkit.io.model.InputShape;
import org.convkit.io.model.ModelEnvelope;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.ModelKind;
import org.convkit.io.model.SafeTensors;
import org.convkit.io.model.SafeTensors.Tensor;
import org.convkit.features.state.ModelState;
import org.convkit.features.svm.SvmPipeline;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * A trained shallow baseline: a {@link FeatureStage} (image to vector), an {@link SvmPipeline} (vector to
 * class scores), the class names and the image shape it was trained on. Saved as one model file
 * ({@link ModelEnvelope}: format, version, CRC, classes and input shape) holding every {@link ModelState} array
 * as an F32 tensor and every string as metadata, after the training entries ({@code training.*}).
 */
public record BaselineModel(FeatureStage features, SvmPipeline classifier, List<String> classes, InputShape input,
                            Map<String, String> training) {
    /**
     * Version 2 added HOG's intensity part and the SVM's kernel landmarks; version 3 weighs unit Nyström features
     * of the landmarks and keeps their factor, where version 2 folded the weights onto raw kernel values. Files of
     * versions 1 and 2 still load and score as before.
     */
    public static final ModelKind KIND = new ModelKind("convkit-baseline", "baseline", 1, 3, 1);

    public BaselineModel {
        classes = List.copyOf(classes);
        training = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(training));
        for (int c : classifier.classes()) {
            if (c < 0 || c >= classes.size()) {
                throw new IllegalArgumentException("the classifier knows class " + c + " of only " + classes.size());
            }
        }
    }

    /** One score per class of {@link #classes()}; classes absent from the training set score -infinity. */
    public float[] scores(DecodedImage image) {
        float[] s = classifier.scores(features.vector(image));
        int[] labels = classifier.classes();
        float[] all = new float[classes.size()];
        Arrays.fill(all, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < labels.length; k++) {
            all[labels[k]] = s[k];
        }
        return all;
    }

    /** {@link #scores} of many images from their feature vectors ({@code features().vector}), scored in blocks. */
    public float[][] scoresOfVectors(float[][] vectors) {
        float[][] s = classifier.scoresAll(vectors);
        int[] labels = classifier.classes();
        float[][] out = new float[s.length][];
        for (int i = 0; i < s.length; i++) {
            float[] all = new float[classes.size()];
            Arrays.fill(all, Float.NEGATIVE_INFINITY);
            for (int k = 0; k < labels.length; k++) {
                all[labels[k]] = s[i][k];
            }
            out[i] = all;
        }
        return out;
    }

    public void save(Path file) throws IOException {
        ModelState state = new ModelState();
        features.exportTo(state);
        classifier.exportTo(state, "classifier.");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        state.arrays().forEach((name, a) -> tensors.put(name,
                Tensor.ofFloats(a.data(), Arrays.stream(a.shape()).asLongStream().toArray())));
        Map<String, String> meta = new LinkedHashMap<>();
        training.forEach((k, v) -> meta.put("training." + k, v));
        meta.putAll(state.strings());
        new ModelEnvelope(classes, input).write(file, KIND, tensors, meta);
    }

    /**
     * The most pixels of a model's input images (2048 x 2048), and the longest side. Loading runs the
     * feature stage once on a blank image of the input size, and every image is resized to it.
     */
    static final long MAX_INPUT_PIXELS = 1L << 22;
    static final int MAX_INPUT_SIDE = 1 << 16;

    /**
     * Reads a model; a {@link ModelFormatException} with a one-line reason for a file that is not a safetensors
     * file, not a baseline model, of another format version, truncated, or damaged. Every size in its
     * metadata is checked against the arrays the file holds (the classifier's first) or bounded
     * ({@link #MAX_INPUT_PIXELS}, {@link FeatureStage#MAX_EXTRACTOR_VALUES}) before anything is allocated from it.
     */
    public static BaselineModel load(Path file) throws IOException {
        ModelEnvelope.Contents c = ModelEnvelope.read(file, KIND);
        List<String> classes = c.envelope().classes();
        InputShape input = c.envelope().input();
        try {
            ModelState state = new ModelState();
            c.metadata().forEach(state::putString);
            for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
                Tensor t = e.getValue();
                if (t.dtype() != SafeTensors.DType.F32) {
                    throw new IllegalArgumentException("tensor '" + e.getKey() + "' is " + t.dtype() + ", baseline models hold F32");
                }
                state.putArray(e.getKey(), t.floats(), Arrays.stream(t.shape()).mapToInt(Math::toIntExact).toArray());
            }
            if ((long) input.width() * input.height() > MAX_INPUT_PIXELS || Math.max(input.width(), input.height()) > MAX_INPUT_SIDE) {
                throw new IllegalArgumentException("input images of " + input.width() + "x" + input.height() + " pixels, more than convkit takes ("
                        + MAX_INPUT_PIXELS + " pixels, " + MAX_INPUT_SIDE + " on a side)");
            }
            Map<String, String> training = state.stringsUnder("training.");
            SvmPipeline classifier = SvmPipeline.importFrom(state, "classifier.");
            FeatureStage features = FeatureStage.importFrom(state, input, classifier.inputDimension());
            BaselineModel m = new BaselineModel(features, classifier, classes, input, training);
            m.checkDimensions();
            return m;
        } catch (ArithmeticException e) {
            throw new ModelFormatException("damaged model file: a size in it does not fit an int", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("damaged model file: " + e.getMessage(), e);
        }
    }

    /** The feature stage's vector for an image of the input shape must have the classifier's length. */
    private void checkDimensions() {
        Plane[] planes = new Plane[input.channels()];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = new Plane(input.width(), input.height());
        }
        int d = features.vector(new DecodedImage(new FloatImage(planes), SampleDepth.U8)).length;
        if (d != classifier.inputDimension()) {
            throw new IllegalArgumentException("its " + features.feature() + " stage gives " + d + " values, its classifier expects "
                    + classifier.inputDimension());
        }
    }
}
