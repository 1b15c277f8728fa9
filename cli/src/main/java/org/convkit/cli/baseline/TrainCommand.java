package org.convkit.cli.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.io.model.InputShape;
import org.convkit.cli.data.DataSetOptions;
import org.convkit.cli.features.Extraction;
import org.convkit.cli.features.GistOptions;
import org.convkit.cli.features.HogOptions;
import org.convkit.cli.progress.Progress;
import org.convkit.features.encode.DenseSiftEncoder;
import org.convkit.features.encode.HomogeneousKernelMap;
import org.convkit.features.gist.GistParameters;
import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.HogParameters;
import org.convkit.features.svm.CSearch;
import org.convkit.features.svm.FeatureScaling;
import org.convkit.features.svm.SvmPipeline;
import org.convkit.filters.image.Plane;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit baseline train}: fits features, encoder, scaling and SVM on a data set; saves one model file. */
@Command(name = "train", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true, defaultValueProvider = TrainCommand.Defaults.class,
        description = {"Train a shallow baseline on a labelled data set.", "Trains a shallow baseline: image features (pixels, HOG, GIST, or dense SIFT encoded as a bag of"
                + " visual words or Fisher vectors), an optional homogeneous kernel map, scaling, and a one-vs-rest"
                + " linear SVM (LIBLINEAR's solver, as scikit-learn's LinearSVC). Saves one self-contained model file"
                + " (safetensors: arrays as tensors, parameters and class names as metadata).",
                "",
                "Examples:",
                "  convkit baseline train --features hog --data /usr/share/datasets/fashion-mnist -o hog.cvb",
                "  convkit baseline train --features hog --kernel-map chi2 --data /usr/share/datasets/fashion-mnist -o hog-chi2.cvb",
                "  convkit baseline train --features dsift-fv --data /usr/share/datasets/fashion-mnist -o fv.cvb"},
        footer = {"", "HOG options are those of 'convkit hog' (scikit-image's hog), with defaults for small images and a"
                + " linear classifier: HOG at three cell sizes, concatenated (--cell 3,4,7: on 28x28, 8x8, 6x6 and 3x3 blocks"
                + " of 2x2 cells, 2304 + 1296 + 324 = 3924 values; on images under 28 pixels the cells shrink with the image, to"
                + " 2 pixels at least: 8x8 gives --cell 2,3,4), block 2, 9 orientations, --transform-sqrt,"
                + " --block-norm L1-sqrt (L1 with a kernel map); --cell 4 gives one HOG (1296 values), --no-transform-sqrt"
                + " and --block-norm L2-Hys scikit-image's. GIST options are those of 'convkit gist'."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Mixin
    private DataSetOptions data;

    @Option(names = "--features", paramLabel = "TYPE", defaultValue = "hog", converter = BaselineFeature.Converter.class,
            description = "pixels, hog, gist, dsift-bovw or dsift-fv (default: ${DEFAULT-VALUE}).")
    private BaselineFeature feature;

    @Option(names = "--orientations", paramLabel = "N|N,N,..",
            description = "hog: orientation bins (default 9; 18 when signed, as under the chi2 kernel map); gist: orientations per"
                    + " scale, finest first (default 8,8,8,8).")
    private String orientations;

    @Mixin
    private HogOptions hog;

    @Mixin
    private GistOptions gist;

    @Mixin
    private DenseSiftOptions dsift;

    @Option(names = "--kernel-map", paramLabel = "none|chi2|intersection|hellinger", defaultValue = "none",
            description = "Vedaldi & Zisserman's homogeneous kernel map before the SVM, so that a linear SVM approximates"
                    + " a chi2 / intersection / Hellinger kernel SVM on histogram features (hog, dsift-bovw) (default: ${DEFAULT-VALUE}).")
    private String kernelMap;

    @Option(names = "--kernel-map-order", paramLabel = "N", defaultValue = "1",
            description = "Frequencies of the map: each value becomes 2N+1 values (default: ${DEFAULT-VALUE}).")
    private int kernelMapOrder;

    @Option(names = "--intensity", paramLabel = "CELL",
            description = "hog: append the image's mean intensity over CELLxCELL-pixel cells (L1-normalised, weighted against"
                    + " HOG by --intensity-weight), which HOG's contrast normalisation discards; 0: HOG alone (default: 4 for hog"
                    + " with the chi2 kernel map, else 0).")
    private Integer intensity;

    @Option(names = "--intensity-weight", paramLabel = "W", defaultValue = "1",
            description = "The intensity part sums to W times the HOG part's sum: under a kernel map, W = 1 gives both"
                    + " parts the same norm (default: ${DEFAULT-VALUE}).")
    private double intensityWeight;

    @Option(names = "--landmarks", paramLabel = "N",
            description = "Append the Gaussian kernel values exp(-gamma |x - l|^2) between the scaled vector and N training"
                    + " vectors drawn at random (Nyström approximation; on chi2-mapped vectors the exp-chi2 kernel, which an"
                    + " additive map cannot give); needs l2 or none scaling; 0: none (default: 4000 for hog with the chi2"
                    + " kernel map and l2 scaling, else 0).")
    private Integer landmarks;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "6",
            description = "Width of the --landmarks kernel (default: ${DEFAULT-VALUE}).")
    private double gamma;

    @Option(names = "--scaling", paramLabel = "auto|standardize|l2|none", defaultValue = "auto",
            description = "Per-feature step before the SVM; auto: standardize pixels, hog and gist, L2 after a kernel map,"
                    + " none for dense SIFT encodings (already normalised) (default: ${DEFAULT-VALUE}).")
    private String scaling;

    @Option(names = "--C", paramLabel = "auto|grid|C[,C..]", defaultValue = "auto",
            description = "The SVM's C. auto: chosen on the training set: 13 Cs 1, 3, 10 ... apart, from the power of ten at or"
                    + " below 0.1 / (the vectors' mean squared norm) (1e-5 for standardised multi-scale HOG of 28x28 images),"
                    + " fitted upwards (each fit starting from the last) until two in a row score below the best, on"
                    + " --folds-fold cross-validation below 10,000 images or a held-out --val share from there; the best is"
                    + " refitted on all images (ties: the smaller C); hog with the chi2 map's landmarks on 10,000 images or"
                    + " more keeps C = 3 (Fashion-MNIST's best; each fit takes minutes). grid: the same search, always. One"
                    + " value fixes C; several are each scored the same way (default: ${DEFAULT-VALUE}).")
    private String c;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Folds of the cross-validation that chooses C on fewer than 10,000 images; 1: hold out --val"
                    + " instead (default: ${DEFAULT-VALUE}).")
    private int folds;

    @Option(names = "--val", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Share of each class held out to choose C on 10,000 images or more, or with --folds 1"
                    + " (default: ${DEFAULT-VALUE}).")
    private double validation;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", description = "The model file to write (.cvb).")
    private Path output;

    @Option(names = "--overwrite", description = "Replace MODEL if it exists.")
    private boolean overwrite;

    /** Baseline defaults that differ from 'convkit hog' (whose defaults are scikit-image's, for large images). */
    public static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec o) {
                return switch (o.longestName()) {
                    case "--cell" -> "3,4,7";
                    case "--block" -> "2";
                    case "--block-norm" -> "L1-sqrt"; // shown in the help; L1 under a kernel map (see hogParameters)
                    default -> null;
                };
            }
            return null;
        }
    }

    @Override
    public Integer call() throws IOException {
        SvmPipeline.Settings settings;
        FeatureStage descriptor = null;
        DenseSiftEncoder.Settings encoderSettings = null;
        try {
            settings = svmSettings();
            if (feature.isDenseSift()) {
                encoderSettings = dsift.encoder(feature);
                dsift.sift();
            } else {
                descriptor = descriptor(settings.kernelMap(), null); // the options checked before any image is read
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!overwrite && Files.exists(output)) {
            throw new CommandFailure(output + ": exists; --overwrite replaces it");
        }
        var err = common.streams().err();
        long t0 = System.nanoTime();
        Stages stages = new Stages(feature.isDenseSift() ? 5 : 3, common.quiet(), err);
        long failures;
        try (DataSet ds = data.open()) {
            if (ds.size() == 0) {
                throw new CommandFailure(data.path() + ": no images");
            }
            InputShape input = firstShape(ds);
            if (descriptor != null) {
                try {
                    descriptor = descriptor(settings.kernelMap(), input);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            MemoryRows rows = new MemoryRows();
            stages.start();
            Reporter reporter;
            try (Progress bar = stages.bar(feature.isDenseSift() ? "reading" : feature.label())) {
                reporter = new Reporter(bar, common.verbose(), err);
                bar.addTotal(ds.size());
                FeatureStage stage = descriptor;
                Extraction.run(ds, stage != null ? img -> stage.vector(checked(img, input))
                        : img -> FeatureStage.gray255(checked(img, input)).data(), common.jobs(), rows, reporter);
            }
            failures = reporter.failures();
            if (rows.size() == 0) {
                throw new CommandFailure("no image could be read from " + data.path() + "; nothing written");
            }
            int[] labels = rows.labels();
            if (Arrays.stream(labels).distinct().count() < 2) {
                throw new CommandFailure(data.path() + ": the images read hold only one class; an SVM needs two or more");
            }
            float[][] x;
            FeatureStage stage;
            if (descriptor != null) {
                x = rows.rows();
                stage = descriptor;
                stages.done(String.format(Locale.ROOT, "%s features of %d images: %d values each", feature, x.length, x[0].length));
            } else {
                float[][] pixels = rows.rows();
                List<Plane> planes = new ArrayList<>(pixels.length);
                for (float[] p : pixels) {
                    planes.add(new Plane(input.width(), input.height(), p));
                }
                stages.done(String.format(Locale.ROOT, "read %d images (%s)", planes.size(), input));
                stages.start();
                DenseSiftEncoder enc;
                try {
                    enc = DenseSiftEncoder.fit(dsift.sift(), encoderSettings, planes);
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure("cannot fit the " + feature + " encoder: " + e.getMessage());
                }
                stages.done(String.format(Locale.ROOT, "fitted %s%s (%d clusters, %d descriptors sampled)",
                        encoderSettings.pcaDimension() > 0 ? "PCA to " + encoderSettings.pcaDimension() + " and " : "",
                        feature == BaselineFeature.DSIFT_FV ? "a Gaussian mixture" : "a k-means vocabulary",
                        encoderSettings.clusters(), encoderSettings.sampleDescriptors()));
                checkMemory(planes.size(), enc.dimension());
                stages.start();
                FeatureStage.DenseSift ds2 = (FeatureStage.DenseSift) FeatureStage.denseSift(feature, enc);
                x = ds2.vectors(planes);
                stage = ds2;
                stages.done(String.format(Locale.ROOT, "encoded %d images: %d values each", x.length, x[0].length));
            }
            stages.start();
            if (settings.landmarks() != null && c.trim().equalsIgnoreCase("auto") && x.length >= CSearch.DEFAULT_CROSS_VALIDATE_BELOW) {
                settings = settings.withSearch(CSearch.fixed(LANDMARKS_C));
                stages.note("C=" + fmt(LANDMARKS_C) + ", hog's default with the chi2 map's landmarks on 10,000 images or more"
                        + " (--C grid chooses it, at minutes per C)");
            }
            SvmPipeline svm = SvmPipeline.fit(x, labels, settings, stages::note, common.verbose() ? stages::note : null);
            CSearch.Outcome chosen = svm.cSearch();
            if (chosen.atUpperEdge() || chosen.atLowerEdge()) {
                stages.note("--C with values beyond the ones scored tries them, e.g. --C " + beyond(chosen));
            }
            stages.done(String.format(Locale.ROOT, "fitted the SVM: %d classes, C=%s%s, %s scaling", svm.classes().length,
                    fmt(chosen.chosen()), settings.kernelMap() == null ? "" : ", " + settings.kernelMap().kernel().label() + " kernel map",
                    settings.scaling().label()));
            stages.start();
            Map<String, String> training = new LinkedHashMap<>();
            training.put("data", ds.description());
            training.put("samples", Integer.toString(x.length));
            training.put("C", fmt(chosen.chosen()));
            training.put("C_selection", chosen.scheme());
            if (chosen.searched()) {
                training.put("C_scores", chosen.scoresText());
            }
            training.put("scaling", settings.scaling().label());
            training.put("kernel_map", settings.kernelMap() == null ? "none" : settings.kernelMap().kernel().label()
                    + " order " + settings.kernelMap().order());
            if (settings.landmarks() != null) {
                training.put("landmarks", svm.landmarkCount() + " gamma " + fmt(settings.landmarks().gamma()));
            }
            BaselineModel model = new BaselineModel(stage, svm, ds.classes(), input, training);
            model.save(output);
            stages.done(String.format(Locale.ROOT, "wrote %s (%.1f MB)", output, Files.size(output) / 1e6));
        }
        if (!common.quiet()) {
            err.printf(Locale.ROOT, "convkit: trained a %s baseline in %.1f s%n", feature, (System.nanoTime() - t0) / 1e9);
        }
        return failures > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * The pixels, HOG or GIST stage the options describe; for HOG, with {@code input} known (null: options
     * only), cells fitted to it ({@link #hogParameters}).
     */
    private FeatureStage descriptor(HomogeneousKernelMap map, InputShape input) {
        List<HogParameters> hp = feature == BaselineFeature.HOG ? hogParameters(map, input) : null;
        GistParameters gp = feature == BaselineFeature.GIST
                ? gist.parameters(GistOptions.orientations(orientations == null ? "8,8,8,8" : orientations)) : null;
        int cell = intensity != null ? intensity : chi2Hog(map) ? DEFAULT_INTENSITY_CELL : 0;
        if (cell < 0) {
            throw new IllegalArgumentException("--intensity takes a cell size, or 0 for none, got " + cell);
        }
        if (cell != 0 && feature != BaselineFeature.HOG) {
            throw new IllegalArgumentException("--intensity is a hog option, not one of " + feature);
        }
        return cell > 0 ? FeatureStage.hog(hp, new FeatureStage.Intensity(cell, intensityWeight))
                : FeatureStage.descriptor(feature, hp, gp);
    }

    /**
     * HOG with the baseline's defaults where the user set nothing: power-law compression (transform-sqrt) and
     * L1-sqrt block norms (Hellinger: a linear SVM then compares the blocks' histograms as a kernel would), or
     * plain L1 under a kernel map, which expects histograms. One parameter set per cell size of {@code --cell}
     * (several cell sizes see shapes at several scales, as PHOG's pyramid does). Under the chi2 map, signed
     * orientations (18 bins over 360 degrees): with the landmarks, the direction of an edge is worth keeping.
     * Each choice was made on held-out Fashion-MNIST training images; the figures are in bench/RESULTS.md
     * ("Shallow baseline").
     */
    private List<HogParameters> hogParameters(HomogeneousKernelMap map, InputShape input) {
        var given = spec.commandLine().getParseResult();
        List<HogParameters> parts = new ArrayList<>();
        boolean signed = given.hasMatchedOption("--signed") ? hog.signed() : chi2Hog(map);
        List<HogParameters> perCell = hog.parametersPerCell(orientations != null ? parseInt(orientations) : signed ? 18 : 9);
        int side = input == null ? DEFAULT_CELLS_SIDE : Math.min(input.width(), input.height());
        if (!given.hasMatchedOption("--cell") && side < DEFAULT_CELLS_SIDE) {
            HogParameters first = perCell.getFirst();
            List<Integer> cells = smallImageCells(perCell.stream().map(HogParameters::cellRows).toList(), side,
                    Math.max(first.blockRows(), first.blockCols()));
            perCell = cells.stream().map(c -> new HogParameters(first.orientations(), c, c, first.blockRows(), first.blockCols(),
                    first.norm(), first.transformSqrt(), first.signed())).toList();
        }
        for (HogParameters p : perCell) {
            boolean sqrt = given.hasMatchedOption("--transform-sqrt") ? p.transformSqrt() : true;
            BlockNorm norm = given.hasMatchedOption("--block-norm") ? p.norm() : map != null ? BlockNorm.L1 : BlockNorm.L1_SQRT;
            parts.add(new HogParameters(p.orientations(), p.cellRows(), p.cellCols(), p.blockRows(), p.blockCols(), norm, sqrt,
                    signed));
        }
        if (input != null) {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the data set's %dx%d images are too small for one"
                        + " HOG block of cells of 2 pixels or more: give smaller --block values, or --features pixels", input.width(),
                        input.height()));
            }
            for (HogParameters p : parts) {
                if (!p.fits(input.width(), input.height())) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the data set's %dx%d images are too small for"
                            + " one HOG block of %dx%d cells of %dx%d pixels: give smaller --cell or --block values, or"
                            + " --features pixels", input.width(), input.height(), p.blockRows(), p.blockCols(), p.cellRows(),
                            p.cellCols()));
                }
            }
        }
        return parts;
    }

    /** The side the default cells (3,4,7) were chosen for: Fashion-MNIST's 28 pixels. */
    static final int DEFAULT_CELLS_SIDE = 28;

    /**
     * The default cell sizes on images whose shorter side is under {@link #DEFAULT_CELLS_SIDE}: each scaled with
     * the image (at least 2 pixels, which a gradient histogram still has something to count in), a size already
     * taken moved up to the next, and sizes whose cells cannot hold one block of {@code block} cells dropped, so
     * that HOG stays multi-scale where it can: 3,4,7 become 2,3,4 on 8x8 images, which cross-validate better on
     * the digits than one cell size or the sizes that fit unscaled (bench/RESULTS.md).
     */
    static List<Integer> smallImageCells(List<Integer> defaults, int side, int block) {
        List<Integer> out = new ArrayList<>();
        for (int c : defaults) {
            int s = Math.max(2, (int) Math.round((double) c * side / DEFAULT_CELLS_SIDE));
            while (out.contains(s)) {
                s++;
            }
            if (side / s >= block) {
                out.add(s);
            }
        }
        return out;
    }

    /** Refuses, before minutes of encoding, a set of encodings that cannot fit in the heap. */
    private static void checkMemory(int rows, int dimension) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long need = (long) rows * dimension * Float.BYTES;
        if (need > free * 0.9) {
            throw new CommandFailure(String.format(Locale.ROOT, "the %d encodings of %d values need %.1f GB, but only %.1f GB of"
                    + " heap is free: use fewer --clusters, --pca dimensions or --pyramid levels, or more heap"
                    + " (CONVKIT_JAVA_OPTS=-Xmx12g ./convkit ...)", rows, dimension, need / 1e9, free / 1e9));
        }
    }

    /** The first readable image fixes the input shape every other must have. */
    private static InputShape firstShape(DataSet ds) throws IOException {
        IOException last = null;
        for (int i = 0; i < Math.min(ds.size(), 100); i++) {
            try {
                return InputShape.of(ds.get(i).image());
            } catch (IOException e) {
                last = e;
            }
        }
        throw new CommandFailure("cannot read the first images of " + ds.description() + ": " + Reporter.reason(last));
    }

    static org.convkit.io.image.DecodedImage checked(org.convkit.io.image.DecodedImage img, InputShape input) {
        InputShape got = InputShape.of(img);
        if (!got.equals(input)) {
            throw new IllegalArgumentException(got + " image where the data set's first is " + input);
        }
        return img;
    }

    private SvmPipeline.Settings svmSettings() {
        if (folds < 1) {
            throw new IllegalArgumentException("--folds takes a count of at least 1 (1: hold out --val), got " + folds);
        }
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("--val must be in (0, 1), got " + validation);
        }
        SvmPipeline.Settings s = SvmPipeline.Settings.defaults();
        HomogeneousKernelMap map = null;
        if (!kernelMap.equalsIgnoreCase("none")) {
            try {
                map = new HomogeneousKernelMap(HomogeneousKernelMap.Kernel.parse(kernelMap), kernelMapOrder);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--kernel-map takes none, chi2, intersection or hellinger, got '" + kernelMap + "'");
            }
        }
        FeatureScaling.Mode mode;
        if (scaling.equalsIgnoreCase("auto")) {
            mode = feature.isDenseSift() ? FeatureScaling.Mode.NONE : map != null ? FeatureScaling.Mode.L2 : FeatureScaling.Mode.STANDARDIZE;
        } else {
            try {
                mode = FeatureScaling.Mode.parse(scaling);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--scaling takes auto, standardize, l2 or none, got '" + scaling + "'");
            }
        }
        CSearch search = parseC(c).withFolds(folds).withHoldOut(validation);
        int n = landmarks != null ? landmarks : chi2Hog(map) && mode == FeatureScaling.Mode.L2 ? DEFAULT_LANDMARKS : 0;
        if (n < 0) {
            throw new IllegalArgumentException("--landmarks takes a count, or 0 for none, got " + n);
        }
        return s.withKernelMap(map).withScaling(mode).withLandmarks(n > 0 ? new SvmPipeline.Landmarks(n, gamma) : null).withSearch(search);
    }

    /**
     * hog under the chi2 map takes, unless told otherwise, the pooled intensity (where the mass is, which
     * HOG's contrast normalisation discards) and exp-chi2 landmarks (a kernel that couples all values, which
     * the additive map alone cannot reach); their sizes were chosen on held-out Fashion-MNIST training images
     * (bench/RESULTS.md, "Shallow baseline").
     */
    static final int DEFAULT_INTENSITY_CELL = 4, DEFAULT_LANDMARKS = 4000;

    private boolean chi2Hog(HomogeneousKernelMap map) {
        return feature == BaselineFeature.HOG && map != null && map.kernel() == HomogeneousKernelMap.Kernel.CHI2;
    }

    /**
     * C of hog with the chi2 map's landmarks on 10,000 images or more, where {@code --C auto} does not search:
     * best of 1, 3 and 10 on Fashion-MNIST's training set (20,000 images, scored on 10,000 others), where one
     * fit of the 60,000 images takes minutes and some 14 GB.
     */
    static final double LANDMARKS_C = 3;

    /** {@code --C}: auto and grid are the default search, one value fixes C, several are each scored. */
    static CSearch parseC(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto") || t.equals("grid")) {
            return CSearch.defaults();
        }
        try {
            double[] v = Arrays.stream(t.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            if (v.length > 0 && Arrays.stream(v).allMatch(x -> x > 0 && Double.isFinite(x))) {
                return v.length == 1 ? CSearch.fixed(v[0]) : CSearch.defaults().withGrid(v);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--C takes auto, grid, or positive numbers separated by commas, got '" + s + "'");
    }

    /**
     * Three Cs past the end of the grid where the best C lay, on the grid's ladder of 1s and 3s (from 10:
     * 30,100,300; from 1e-05: 3e-06,1e-06,3e-07), for the hint that tries them.
     */
    static String beyond(CSearch.Outcome o) {
        boolean up = o.atUpperEdge();
        double v = o.chosen();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean ones = Math.round(v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9))) < 2; // a 1 leads, not a 3
            v = up ? (ones ? v * 3 : v * 10 / 3) : (ones ? v * 3 / 10 : v / 3);
            v = Double.parseDouble(String.format(Locale.ROOT, "%.0e", v));
            out.add(fmt(v));
        }
        return String.join(",", out);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--orientations for hog takes one number, got '" + s + "'");
        }
    }

    private static String fmt(double v) { return CSearch.format(v); }
}
