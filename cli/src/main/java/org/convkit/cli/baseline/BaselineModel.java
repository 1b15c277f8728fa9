package org.convkit.cli.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.SampleDepth;
import org.convkit.io.model.ModelFormatException;
import org.convkit.io.model.SafeTensors;
import org.convkit.io.model.SafeTensors.Tensor;
import org.convkit.features.state.ModelState;
import org.convkit.features.svm.SvmPipeline;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * A trained shallow baseline: a {@link FeatureStage} (image to vector), an {@link SvmPipeline} (vector to
 * class scores), the class names and the image shape it was trained on. Saved as one safetensors file:
 * every {@link ModelState} array as an F32 tensor, every string as {@code __metadata__}, plus
 * {@code convkit.format} = {@value #FORMAT}, {@code convkit.format_version} = {@value #VERSION}, the class
 * names, the input shape and a CRC-32 of the tensor bytes, so that a damaged file is refused rather than
 * silently giving other predictions.
 */
public record BaselineModel(FeatureStage features, SvmPipeline classifier, List<String> classes, InputShape input,
                            Map<String, String> training) {
    public static final String FORMAT = "convkit-baseline";
    /**
     * Version 2 added HOG's intensity part and the SVM's kernel landmarks; version 3 weighs unit Nyström features
     * of the landmarks and keeps their factor, where version 2 folded the weights onto raw kernel values. Files of
     * versions 1 and 2 still load and score as before.
     */
    public static final int VERSION = 3;
    private static final int OLDEST = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        meta.put("convkit.format", FORMAT);
        meta.put("convkit.format_version", Integer.toString(VERSION));
        meta.put("convkit.crc32", Long.toHexString(crc(tensors)));
        meta.put("classes", json(classes));
        meta.put("input.width", Integer.toString(input.width()));
        meta.put("input.height", Integer.toString(input.height()));
        meta.put("input.channels", Integer.toString(input.channels()));
        training.forEach((k, v) -> meta.put("training." + k, v));
        meta.putAll(state.strings());
        SafeTensors.write(file, tensors, meta);
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
        SafeTensors.Contents c = SafeTensors.read(file);
        String format = c.metadata().get("convkit.format");
        if (format == null) {
            throw new ModelFormatException("not a convkit baseline model (a safetensors file without convkit's format entry)");
        }
        if (!format.equals(FORMAT)) {
            throw new ModelFormatException("a " + format + " model, not a baseline model (" + FORMAT + ")");
        }
        String version = c.requireMetadata("convkit.format_version");
        if (java.util.stream.IntStream.rangeClosed(OLDEST, VERSION).noneMatch(v -> version.equals(Integer.toString(v)))) {
            throw new ModelFormatException("baseline model format version " + version + ", but this convkit reads versions " + OLDEST
                    + " to " + VERSION + " (train the model again with this convkit, or use the convkit that wrote it)");
        }
        String crc = c.requireMetadata("convkit.crc32");
        if (!crc.equals(Long.toHexString(crc(c.tensors())))) {
            throw new ModelFormatException("damaged model file: its arrays do not match their checksum");
        }
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
            String[] names = JSON.readValue(state.string("classes"), String[].class);
            if (names == null || Arrays.asList(names).contains(null)) {
                throw new IllegalArgumentException("'classes' is not a list of names");
            }
            List<String> classes = Arrays.asList(names);
            InputShape input = new InputShape(state.integer("input.width"), state.integer("input.height"), state.integer("input.channels"));
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
        } catch (IllegalArgumentException | JsonProcessingException e) {
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

    private static long crc(Map<String, Tensor> tensors) {
        CRC32 crc = new CRC32();
        tensors.forEach((name, t) -> {
            crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            crc.update(t.bytes());
        });
        return crc.getValue();
    }

    private static String json(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
