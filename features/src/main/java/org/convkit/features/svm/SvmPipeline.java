package org.convkit.features.svm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.convkit.features.encode.HomogeneousKernelMap;
import org.convkit.features.state.ModelState;
import org.convkit.filters.parallel.Parallel;

/**
 * Feature vector to class: optional homogeneous kernel map, then scaling, then a one-vs-rest
 * {@link LinearSvm}. With more than one C in the grid, a stratified, seeded {@code validationFraction}
 * of the training set is held out, every C is fitted on the rest and scored there, and the best C is
 * refitted on the whole set (ties go to the smaller C).
 */
public final class SvmPipeline {

    /**
     * @param kernelMap          applied first, or null
     * @param scaling            after the kernel map
     * @param cGrid              candidate C values (one value: no validation)
     * @param validationFraction held-out share for choosing C (e.g. 0.1)
     * @param seed               seeds the split and the solver
     * @param svm                solver options (its C is replaced by the grid's)
     */
    public record Settings(HomogeneousKernelMap kernelMap, FeatureScaling.Mode scaling, double[] cGrid,
                           double validationFraction, long seed, LinearSvm.Options svm) {
        public Settings {
            if (cGrid.length == 0) {
                throw new IllegalArgumentException("the C grid is empty");
            }
            if (cGrid.length > 1 && !(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("choosing C needs a validation fraction in (0, 1), got " + validationFraction);
            }
            cGrid = cGrid.clone();
        }

        /** No kernel map, standardised features, C = 1 (a grid would hold out 10% to choose). */
        public static Settings defaults() {
            return new Settings(null, FeatureScaling.Mode.STANDARDIZE, new double[] {1}, 0.1, 1, LinearSvm.Options.defaults());
        }

        public Settings withKernelMap(HomogeneousKernelMap m) { return new Settings(m, scaling, cGrid, validationFraction, seed, svm); }

        public Settings withScaling(FeatureScaling.Mode s) { return new Settings(kernelMap, s, cGrid, validationFraction, seed, svm); }

        public Settings withC(double... grid) { return new Settings(kernelMap, scaling, grid, validationFraction, seed, svm); }

        public Settings withValidation(double fraction) { return new Settings(kernelMap, scaling, cGrid, fraction, seed, svm); }

        public Settings withSvm(LinearSvm.Options o) { return new Settings(kernelMap, scaling, cGrid, validationFraction, seed, o); }
    }

    private final HomogeneousKernelMap kernelMap;
    private final FeatureScaling scaling;
    private final LinearSvm svm;
    private final int inputDimension;
    private final Map<Double, Double> validationAccuracy;

    public SvmPipeline(HomogeneousKernelMap kernelMap, FeatureScaling scaling, LinearSvm svm, int inputDimension,
                       Map<Double, Double> validationAccuracy) {
        this.kernelMap = kernelMap;
        this.scaling = scaling;
        this.svm = svm;
        this.inputDimension = inputDimension;
        this.validationAccuracy = Map.copyOf(validationAccuracy);
        int mapped = kernelMap == null ? inputDimension : kernelMap.outputDimension(inputDimension);
        if (svm.dimension() != mapped) {
            throw new IllegalArgumentException("the SVM has " + svm.dimension() + " weights per class, the features "
                    + mapped + " values");
        }
    }

    /** Fits the pipeline; {@code log} hears one line per stage (for a progress display), may be null. */
    public static SvmPipeline fit(float[][] x, int[] y, Settings s, Consumer<String> log) {
        Consumer<String> say = log == null ? m -> { } : log;
        int d = x[0].length;
        float[][] mapped = s.kernelMap() == null ? x : mapAll(s.kernelMap(), x);
        // A scaling that learns nothing (L2, none) is applied to this method's own mapped rows in place, once:
        // every later step then works on them without a second copy (the chi2 map of a multi-scale HOG of
        // 60,000 images is near 3 GB).
        boolean prescaled = mapped != x && s.scaling() != FeatureScaling.Mode.STANDARDIZE;
        if (prescaled) {
            scaleInPlace(FeatureScaling.of(s.scaling()), mapped);
        }
        FeatureScaling.Mode working = prescaled ? FeatureScaling.Mode.NONE : s.scaling();
        Map<Double, Double> scores = new LinkedHashMap<>();
        double bestC = s.cGrid()[0];
        if (s.cGrid().length > 1) {
            boolean[] held = stratifiedHoldOut(y, s.validationFraction(), s.seed());
            List<float[]> trX = new ArrayList<>(), vaX = new ArrayList<>();
            List<Integer> trY = new ArrayList<>(), vaY = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                (held[i] ? vaX : trX).add(mapped[i]);
                (held[i] ? vaY : trY).add(y[i]);
            }
            float[][] tx = trX.toArray(float[][]::new);
            int[] ty = trY.stream().mapToInt(Integer::intValue).toArray();
            FeatureScaling sc = FeatureScaling.fit(working, tx);
            float[][] txs = scaleAll(sc, tx);
            float[][] vxs = scaleAll(sc, vaX.toArray(float[][]::new));
            double best = -1;
            for (double c : s.cGrid()) {
                LinearSvm m = LinearSvm.fit(txs, ty, s.svm().withC(c));
                int right = 0;
                for (int i = 0; i < vxs.length; i++) {
                    right += m.predict(vxs[i]) == vaY.get(i) ? 1 : 0;
                }
                double acc = (double) right / vxs.length;
                scores.put(c, acc);
                say.accept(String.format(java.util.Locale.ROOT, "C=%g: validation accuracy %.4f", c, acc));
                if (acc > best || (acc == best && c < bestC)) {
                    best = acc;
                    bestC = c;
                }
            }
        }
        say.accept("fitting the SVM with C=" + bestC + " on " + x.length + " vectors");
        FeatureScaling sc = FeatureScaling.fit(s.scaling(), mapped);
        float[][] scaled = prescaled ? mapped : mapped == x ? scaleAll(sc, x) : scaleInPlace(sc, mapped);
        LinearSvm svm = LinearSvm.fit(scaled, y, s.svm().withC(bestC));
        return new SvmPipeline(s.kernelMap(), sc, svm, d, scores);
    }

    private static float[][] mapAll(HomogeneousKernelMap m, float[][] x) {
        float[][] out = new float[x.length][];
        Parallel.forRange(x.length, 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = m.apply(x[i]);
            }
        });
        return out;
    }

    private static float[][] scaleAll(FeatureScaling sc, float[][] x) {
        if (sc.mode() == FeatureScaling.Mode.NONE) {
            return x;
        }
        float[][] out = new float[x.length][];
        Parallel.forRange(x.length, 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = sc.apply(x[i]);
            }
        });
        return out;
    }

    /** Replaces every row by its scaled copy, so that the unscaled row can go at once. */
    private static float[][] scaleInPlace(FeatureScaling sc, float[][] x) {
        if (sc.mode() != FeatureScaling.Mode.NONE) {
            Parallel.forRange(x.length, 256, (from, to) -> {
                for (int i = from; i < to; i++) {
                    x[i] = sc.apply(x[i]);
                }
            });
        }
        return x;
    }

    /** Marks {@code fraction} of each class (at least one when the class has two or more) as held out. */
    static boolean[] stratifiedHoldOut(int[] y, double fraction, long seed) {
        boolean[] held = new boolean[y.length];
        SplittableRandom rng = new SplittableRandom(seed);
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        for (int c : classes) {
            int[] idx = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == c).toArray();
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int take = idx.length < 2 ? 0 : Math.max(1, (int) Math.round(fraction * idx.length));
            for (int i = 0; i < take; i++) {
                held[idx[i]] = true;
            }
        }
        return held;
    }

    /** The vector the SVM sees: kernel map then scaling. */
    public float[] transform(float[] x) {
        if (x.length != inputDimension) {
            throw new IllegalArgumentException("vector has " + x.length + " features, the model expects " + inputDimension);
        }
        return scaling.apply(kernelMap == null ? x : kernelMap.apply(x));
    }

    /** One score per class, in {@link #classes()} order. */
    public float[] scores(float[] x) { return svm.scores(transform(x)); }

    public int predict(float[] x) { return svm.predict(transform(x)); }

    public int[] classes() { return svm.classes(); }

    public int inputDimension() { return inputDimension; }

    public LinearSvm svm() { return svm; }

    /** C chosen (the only one when no grid was given). */
    public Map<Double, Double> validationAccuracy() { return validationAccuracy; }

    public void exportTo(ModelState s, String prefix) {
        s.putInt(prefix + "input_dimension", inputDimension);
        s.putString(prefix + "kernel_map", Boolean.toString(kernelMap != null));
        if (kernelMap != null) {
            kernelMap.exportTo(s, prefix + "kernel_map.");
        }
        scaling.exportTo(s, prefix + "scaling.");
        svm.exportTo(s, prefix + "svm.");
    }

    public static SvmPipeline importFrom(ModelState s, String prefix) {
        HomogeneousKernelMap km = Boolean.parseBoolean(s.string(prefix + "kernel_map"))
                ? HomogeneousKernelMap.importFrom(s, prefix + "kernel_map.") : null;
        return new SvmPipeline(km, FeatureScaling.importFrom(s, prefix + "scaling."), LinearSvm.importFrom(s, prefix + "svm."),
                s.integer(prefix + "input_dimension"), Map.of());
    }
}
