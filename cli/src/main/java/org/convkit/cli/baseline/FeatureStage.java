package org.convkit.cli.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cli.features.FeatureOptions.SampleFeatures;
import org.convkit.io.image.DecodedImage;
import org.convkit.features.encode.DenseSiftEncoder;
import org.convkit.features.gist.Gist;
import org.convkit.features.gist.GistParameters;
import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.HogParameters;
import org.convkit.features.hog.HogWithIntensity;
import org.convkit.features.hog.MultiScaleHog;
import org.convkit.features.pixels.Pixels;
import org.convkit.features.pixels.PooledIntensity;
import org.convkit.features.sift.DenseSiftParameters;
import org.convkit.features.state.ModelState;
import org.convkit.filters.image.Plane;

/**
 * The first part of a baseline model: one image to one vector. pixels, hog and gist are the extractors
 * of {@code convkit features} (the same code, so the same vectors); dsift-bovw and dsift-fv are a
 * {@link DenseSiftEncoder} fitted on the training images. Thread-safe. Its parameters are saved as
 * strings under {@code features.}, a dense SIFT encoder's learnt arrays under {@code encoder.}.
 */
public sealed interface FeatureStage {

    BaselineFeature feature();

    /** The vector of an image already of the model's shape (see {@link ImageAdapter}). */
    float[] vector(DecodedImage image);

    /** The parameters as text, for the model file and for messages. */
    Map<String, String> describe();

    void exportTo(ModelState state);

    /**
     * A HOG, GIST or pixels stage (nothing to learn); {@code hog} lists one parameter set per cell size
     * (the same orientations, blocks and norm), concatenated as a {@link MultiScaleHog}.
     */
    static FeatureStage descriptor(BaselineFeature f, List<HogParameters> hog, GistParameters gist) {
        return new Descriptor(f, hog, null, gist);
    }

    /** HOG followed by the image's pooled intensity ({@link HogWithIntensity}); {@code intensity} null: HOG alone. */
    static FeatureStage hog(List<HogParameters> hog, Intensity intensity) {
        return new Descriptor(BaselineFeature.HOG, hog, intensity, null);
    }

    /** {@link PooledIntensity}'s cell and the weight of its part against HOG's. */
    record Intensity(int cell, double weight) {
        public Intensity {
            if (cell < 1) {
                throw new IllegalArgumentException("--intensity takes a cell size of at least 1 pixel, got " + cell);
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("--intensity-weight must be positive, got " + weight);
            }
        }
    }

    static FeatureStage denseSift(BaselineFeature feature, DenseSiftEncoder encoder) { return new DenseSift(feature, encoder); }

    /** The most values GIST's Gabor bank (filters x padded size squared) and dense SIFT's descriptors of one image may take. */
    long MAX_EXTRACTOR_VALUES = 1L << 26;

    /**
     * The stage saved in {@code s}, checked before its extractor is built: its vector for an image of
     * {@code input} must have {@code dimension} values (the classifier's, which the arrays present bound),
     * counted without wrapping, and what its extractor allocates is bounded ({@link #MAX_EXTRACTOR_VALUES}).
     * An IllegalArgumentException (or ArithmeticException for sizes past an int) says what does not fit.
     */
    static FeatureStage importFrom(ModelState s, InputShape input, int dimension) {
        BaselineFeature f = BaselineFeature.parse(s.string("features"));
        int w = input.width(), h = input.height(), c = input.channels();
        return switch (f) {
            case PIXELS -> {
                requireLength(f, new Pixels(1f).length(w, h, c), dimension);
                yield new Descriptor(f, null, null, null);
            }
            case HOG -> {
                List<HogParameters> parts = hogParts(s);
                Intensity intensity = s.hasString("features.intensity_cell") // absent before intensity
                        ? new Intensity(s.integer("features.intensity_cell"), s.real("features.intensity_weight")) : null;
                for (HogParameters p : parts) {
                    // a HOG vector holds at least one block's orientations: more bins than values cannot be this model's
                    if (p.orientations() > dimension) {
                        throw new IllegalArgumentException(p.orientations() + " HOG orientations for " + dimension + " values");
                    }
                }
                MultiScaleHog hog = new MultiScaleHog(parts);
                requireLength(f, intensity == null ? hog.length(w, h, c)
                        : new HogWithIntensity(hog, new PooledIntensity(intensity.cell()), intensity.weight()).length(w, h, c), dimension);
                yield new Descriptor(f, parts, intensity, null);
            }
            case GIST -> {
                GistParameters g = new GistParameters(s.integer("features.size"),
                        Arrays.stream(s.string("features.orientations").split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray(),
                        s.integer("features.blocks"), s.real("features.fc"), s.integer("features.boundary"), bool(s, "features.color"));
                requireLength(f, g.length(), dimension);
                long padded = (long) g.size() + 2L * g.boundary(); // Gist filters the image padded by the boundary on each side
                if (padded * padded * g.filterCount() > MAX_EXTRACTOR_VALUES) {
                    throw new IllegalArgumentException("GIST of size " + g.size() + " with a boundary of " + g.boundary() + " and "
                            + g.filterCount() + " filters is larger than convkit builds");
                }
                yield new Descriptor(f, null, null, g);
            }
            case DSIFT_BOVW, DSIFT_FV -> {
                DenseSiftEncoder encoder = DenseSiftEncoder.importFrom(s, "encoder.");
                requireLength(f, encoder.dimension(), dimension);
                DenseSiftParameters p = encoder.siftParameters();
                long values = (long) new org.convkit.features.sift.DenseSift(p).frameCount(w, h) * DenseSiftParameters.DIMENSION;
                if (values > MAX_EXTRACTOR_VALUES) {
                    throw new IllegalArgumentException("dense SIFT with step " + p.step() + " gives " + values
                            + " descriptor values for one image, more than convkit computes");
                }
                for (int size : p.sizes()) {
                    // the pre-smoothing kernel spans 8 sigma: wider than the image it smooths nothing more
                    if (p.smoothingSigma(size) > Math.max(w, h)) {
                        throw new IllegalArgumentException("dense SIFT smooths bin size " + size + " with sigma " + p.smoothingSigma(size)
                                + ", wider than the " + w + "x" + h + " image");
                    }
                }
                yield new DenseSift(f, encoder);
            }
        };
    }

    private static void requireLength(BaselineFeature f, int length, int dimension) {
        if (length != dimension) {
            throw new IllegalArgumentException("its " + f + " stage gives " + length + " values, its classifier expects " + dimension);
        }
    }

    /**
     * The HOG parts: {@code cell_rows} and {@code cell_cols} hold one size (models before multi-scale HOG)
     * or a comma-separated list, one per part; the other parameters are shared. {@code signed} is absent
     * from models before signed orientations: unsigned.
     */
    private static List<HogParameters> hogParts(ModelState s) {
        int[] rows = integers(s, "features.cell_rows");
        int[] cols = integers(s, "features.cell_cols");
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("entries 'features.cell_rows' and 'features.cell_cols' list " + rows.length
                    + " and " + cols.length + " cell sizes");
        }
        List<HogParameters> parts = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            parts.add(new HogParameters(s.integer("features.orientations"), rows[i], cols[i],
                    s.integer("features.block_rows"), s.integer("features.block_cols"),
                    BlockNorm.parse(s.string("features.block_norm")), bool(s, "features.transform_sqrt"),
                    s.hasString("features.signed") && bool(s, "features.signed")));
        }
        return parts;
    }

    private static int[] integers(ModelState s, String key) {
        String v = s.string(key);
        try {
            return Arrays.stream(v.split(",", -1)).mapToInt(t -> Integer.parseInt(t.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("entry '" + key + "' is not a list of integers: " + v);
        }
    }

    private static boolean bool(ModelState s, String key) {
        String v = s.string(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("entry '" + key + "' is not true or false: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** The image as one gray plane in 8-bit scale (white 255), as dense SIFT's parameters expect. */
    static Plane gray255(DecodedImage image) {
        float scale = image.depth().isInteger() ? 255f / image.depth().max() : 255f;
        int c = image.image().channelCount();
        int n = image.width() * image.height();
        float[] out = new float[n];
        for (int k = 0; k < c; k++) {
            float[] d = image.image().channel(k).data();
            for (int i = 0; i < n; i++) {
                out[i] += d[i];
            }
        }
        float f = scale / c;
        for (int i = 0; i < n; i++) {
            out[i] *= f;
        }
        return new Plane(image.width(), image.height(), out);
    }

    /** pixels, hog or gist through the extractors {@code convkit features} uses. */
    record Descriptor(BaselineFeature feature, List<HogParameters> hog, Intensity intensity, GistParameters gist,
                      SampleFeatures extractor) implements FeatureStage {
        Descriptor(BaselineFeature feature, List<HogParameters> hog, Intensity intensity, GistParameters gist) {
            this(feature, hog == null ? null : sameButCells(hog), intensity, gist, switch (feature) {
                case PIXELS -> SampleFeatures.pixels();
                case HOG -> SampleFeatures.of(intensity == null ? new MultiScaleHog(hog) // with one part, exactly Hog's vector
                        : new HogWithIntensity(new MultiScaleHog(hog), new PooledIntensity(intensity.cell()), intensity.weight()));
                case GIST -> SampleFeatures.of(new Gist(gist));
                default -> throw new IllegalArgumentException(feature + " is not a descriptor stage");
            });
        }

        /** The model file keeps one orientation count, block and norm: the parts may differ only in their cells. */
        private static List<HogParameters> sameButCells(List<HogParameters> hog) {
            HogParameters a = hog.getFirst();
            for (HogParameters b : hog) {
                if (b.orientations() != a.orientations() || b.blockRows() != a.blockRows() || b.blockCols() != a.blockCols()
                        || b.norm() != a.norm() || b.transformSqrt() != a.transformSqrt() || b.signed() != a.signed()) {
                    throw new IllegalArgumentException("the HOG parts differ in more than their cell size: " + a + ", " + b);
                }
            }
            return List.copyOf(hog);
        }

        @Override
        public float[] vector(DecodedImage image) { return extractor.extract(image); }

        @Override
        public Map<String, String> describe() {
            Map<String, String> m = new LinkedHashMap<>();
            switch (feature) {
                case HOG -> {
                    HogParameters first = hog.getFirst();
                    m.put("orientations", Integer.toString(first.orientations()));
                    m.put("cell_rows", String.join(",", hog.stream().map(h -> Integer.toString(h.cellRows())).toList()));
                    m.put("cell_cols", String.join(",", hog.stream().map(h -> Integer.toString(h.cellCols())).toList()));
                    m.put("block_rows", Integer.toString(first.blockRows()));
                    m.put("block_cols", Integer.toString(first.blockCols()));
                    m.put("block_norm", first.norm().label());
                    m.put("transform_sqrt", Boolean.toString(first.transformSqrt()));
                    m.put("signed", Boolean.toString(first.signed()));
                    if (intensity != null) {
                        m.put("intensity_cell", Integer.toString(intensity.cell()));
                        m.put("intensity_weight", Double.toString(intensity.weight()));
                    }
                }
                case GIST -> {
                    m.put("size", Integer.toString(gist.size()));
                    m.put("orientations", String.join(",", Arrays.stream(gist.orientationsPerScale()).mapToObj(Integer::toString).toList()));
                    m.put("blocks", Integer.toString(gist.blocks()));
                    m.put("fc", Double.toString(gist.fc()));
                    m.put("boundary", Integer.toString(gist.boundary()));
                    m.put("color", Boolean.toString(gist.color()));
                }
                default -> m.put("scale", "[0, 1]");
            }
            return m;
        }

        @Override
        public void exportTo(ModelState state) {
            state.putString("features", feature.label());
            describe().forEach((k, v) -> state.putString("features." + k, v));
        }
    }

    /** Dense SIFT, PCA and a bag of words or Fisher vector learnt from the training images. */
    record DenseSift(BaselineFeature feature, DenseSiftEncoder encoder) implements FeatureStage {

        @Override
        public float[] vector(DecodedImage image) { return encoder.encode(gray255(image)); }

        /** Encodes many gray planes (from {@link #gray255}) in parallel. */
        public float[][] vectors(List<Plane> planes) { return encoder.encodeAll(planes); }

        @Override
        public Map<String, String> describe() {
            Map<String, String> m = new LinkedHashMap<>(encoder.siftParameters().toStrings());
            m.put("dimension", Integer.toString(encoder.dimension()));
            return m;
        }

        @Override
        public void exportTo(ModelState state) {
            state.putString("features", feature.label());
            describe().forEach((k, v) -> state.putString("features." + k, v));
            encoder.exportTo(state, "encoder.");
        }
    }
}
