package org.convkit.features.svm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.convkit.features.encode.HomogeneousKernelMap;
import org.convkit.features.encode.NystromMap;
import org.convkit.features.state.ModelState;
import org.convkit.filters.parallel.Parallel;

/**
 * Feature vector to class: optional homogeneous kernel map, then scaling, then optionally the Nyström
 * features of a Gaussian kernel with landmark vectors appended ({@link NystromMap#unitFeatures}
 * {@code z = L^-1 k / |L^-1 k|}; on chi2-mapped vectors, the exponential-chi2 kernel), then a one-vs-rest
 * {@link LinearSvm}. A saved model holds the landmarks, {@code gamma} and {@code L^-1}. Models of format 2
 * held instead weights folded onto the raw kernel values {@code k} (no unit length); they still score so.
 *
 * <p>C is fixed, or chosen on the training set by a {@link CSearch} (k-fold cross validation on small
 * sets, one stratified hold-out on large ones; scaling and landmarks fitted on each fold's training rows
 * alone), then refitted on all rows.
 */
public final class SvmPipeline {

    /**
     * @param kernelMap applied first, or null
     * @param scaling   after the kernel map
     * @param search    C, or how to choose it
     * @param seed      seeds the folds and the landmarks
     * @param svm       solver options (its C is replaced by the search's)
     */
    public record Settings(HomogeneousKernelMap kernelMap, FeatureScaling.Mode scaling, Landmarks landmarks, CSearch search,
                           long seed, LinearSvm.Options svm) {
        public Settings {
            if (landmarks != null && scaling == FeatureScaling.Mode.STANDARDIZE) {
                throw new IllegalArgumentException("kernel landmarks need a scaling that learns nothing (l2 or none), not standardize");
            }
            if (search == null) {
                throw new IllegalArgumentException("no C and no search for one");
            }
        }

        /** No kernel map, standardised features, C = 1. */
        public static Settings defaults() {
            return new Settings(null, FeatureScaling.Mode.STANDARDIZE, null, CSearch.fixed(1), 1, LinearSvm.Options.defaults());
        }

        public Settings withKernelMap(HomogeneousKernelMap m) { return new Settings(m, scaling, landmarks, search, seed, svm); }

        public Settings withScaling(FeatureScaling.Mode s) { return new Settings(kernelMap, s, landmarks, search, seed, svm); }

        public Settings withLandmarks(Landmarks l) { return new Settings(kernelMap, scaling, l, search, seed, svm); }

        /** One C: fixed; several: each scored, the held-out rows as {@link #search()} says. */
        public Settings withC(double... cs) {
            return withSearch(cs.length == 1 ? CSearch.fixed(cs[0]) : search.withGrid(cs));
        }

        public Settings withSearch(CSearch s) { return new Settings(kernelMap, scaling, landmarks, s, seed, svm); }

        /** The held-out share of a single hold-out (see {@link CSearch#holdOut()}). */
        public Settings withValidation(double share) { return withSearch(search.withHoldOut(share)); }

        public Settings withSvm(LinearSvm.Options o) { return new Settings(kernelMap, scaling, landmarks, search, seed, o); }
    }

    /**
     * A Gaussian kernel {@code exp(-gamma |x - y|^2)} between the scaled vectors and {@code count} of the
     * training vectors drawn at random (seeded), its values appended through a {@link NystromMap}.
     */
    public record Landmarks(int count, double gamma) {
        public Landmarks {
            if (count < 1) {
                throw new IllegalArgumentException("the number of landmarks must be at least 1, got " + count);
            }
            if (!(gamma > 0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("the kernel width gamma must be positive, got " + gamma);
            }
        }
    }

    private final HomogeneousKernelMap kernelMap;
    private final FeatureScaling scaling;
    private final float[][] landmarkInputs; // the landmarks as given to fit (before map and scaling), or null
    private final NystromMap nystrom;       // on the landmarks' transformed vectors, or null
    private final boolean unitFeatures;     // the SVM weighs unit Nyström features; false: raw kernel values (format 2)
    private final LinearSvm svm;
    private final int inputDimension;
    private final CSearch.Outcome cSearch;

    public SvmPipeline(HomogeneousKernelMap kernelMap, FeatureScaling scaling, LinearSvm svm, int inputDimension,
                       CSearch.Outcome cSearch) {
        this(kernelMap, scaling, null, 0, null, svm, inputDimension, cSearch);
    }

    /**
     * @param landmarkInputs landmark vectors in the input space (mapped and scaled here), or null
     * @param gamma          their Gaussian kernel's width (unused without landmarks)
     * @param inverseFactor  {@code L^-1} of the landmarks' kernel matrix, {@code m x m}: the SVM weighs the scaled
     *                       vector followed by the unit Nyström features; null: by the raw kernel values (format 2)
     */
    public SvmPipeline(HomogeneousKernelMap kernelMap, FeatureScaling scaling, float[][] landmarkInputs, double gamma,
                       float[][] inverseFactor, LinearSvm svm, int inputDimension, CSearch.Outcome cSearch) {
        this.kernelMap = kernelMap;
        this.scaling = scaling;
        this.svm = svm;
        this.inputDimension = inputDimension;
        this.cSearch = cSearch;
        // the sizes agree before any landmark is mapped
        long mapped = kernelMap == null ? inputDimension : (long) inputDimension * kernelMap.expansion();
        long features = mapped + (landmarkInputs == null ? 0 : landmarkInputs.length);
        if (inputDimension < 1 || svm.dimension() != features) {
            throw new IllegalArgumentException("the SVM has " + svm.dimension() + " weights per class, the features "
                    + features + " values");
        }
        this.landmarkInputs = landmarkInputs;
        if (landmarkInputs != null) {
            for (int j = 0; j < landmarkInputs.length; j++) {
                if (landmarkInputs[j].length != inputDimension) {
                    throw new IllegalArgumentException("landmark " + j + " has " + landmarkInputs[j].length + " values, the input "
                            + inputDimension);
                }
            }
            float[][] t = new float[landmarkInputs.length][];
            Parallel.forRange(t.length, 64, (from, to) -> { // a second off loading a model with 4,000 landmarks
                for (int j = from; j < to; j++) {
                    t[j] = mapAndScale(landmarkInputs[j]);
                }
            });
            this.nystrom = new NystromMap(t, gamma, inverseFactor);
        } else {
            this.nystrom = null;
        }
        this.unitFeatures = inverseFactor != null;
    }

    /** Fits the pipeline; {@code log} hears one line per stage (for a progress display), may be null. */
    public static SvmPipeline fit(float[][] x, int[] y, Settings s, Consumer<String> log) { return fit(x, y, s, log, null); }

    /**
     * Fits the pipeline.
     *
     * @param log        hears one line per stage (for a progress display), may be null
     * @param candidates hears one line per C scored, once its score is final, may be null
     */
    public static SvmPipeline fit(float[][] x, int[] y, Settings s, Consumer<String> log, Consumer<String> candidates) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(x.length + " vectors but " + y.length + " labels");
        }
        Consumer<String> say = log == null ? m -> { } : log;
        int d = x[0].length;
        CSearch search = s.search();
        int[] fold = search.isFixed() ? null : search.assignFolds(y, s.seed());
        int[] folds = fold == null ? new int[0] : Arrays.stream(fold).filter(f -> f >= 0).distinct().sorted().toArray();
        boolean holdOut = folds.length == 1 && !search.crossValidates(y.length);
        float[][] mapped;
        boolean prescaled;
        Landmarking landmarking = null;
        if (s.landmarks() != null) {
            // Rows made once at their final width, [scaled vector, landmark part], the part filled in place (for
            // each fold, then for the final fit): the 60,000 rows of a chi2-mapped signed HOG with 4,000
            // landmarks are 6.6 GB, and a second copy would not fit.
            boolean[] held = holdOut ? heldBy(fold, folds[0]) : null;
            int room = Math.min(s.landmarks().count(), held == null ? y.length : y.length - count(held));
            mapped = mapAndScaleWithRoom(s.kernelMap(), s.scaling(), x, room);
            landmarking = new Landmarking(x, mapped, mapped[0].length - room, s.landmarks(), s.seed(), say);
            if (held != null) { // the hold-out's landmarks are the final fit's too
                landmarking.fill(held);
            }
            prescaled = true;
        } else {
            mapped = s.kernelMap() == null ? x : mapAll(s.kernelMap(), x);
            // A scaling that learns nothing (L2, none) is applied to this method's own mapped rows in place, once:
            // every later step then works on them without a second copy.
            prescaled = mapped != x && s.scaling() != FeatureScaling.Mode.STANDARDIZE;
            if (prescaled) {
                scaleInPlace(FeatureScaling.of(s.scaling()), mapped);
            }
        }
        FeatureScaling.Mode working = prescaled ? FeatureScaling.Mode.NONE : s.scaling();
        CSearch.Outcome outcome;
        double[][] start = null;
        if (search.isFixed()) {
            outcome = new CSearch.Outcome(search.grid()[0], List.of(), search.grid(), "fixed");
        } else if (folds.length == 0) {
            outcome = new CSearch.Outcome(FALLBACK_C, List.of(), new double[0], "no class has two rows to hold one out");
            say.accept("C=" + CSearch.format(FALLBACK_C) + ": " + outcome.scheme());
        } else {
            String scheme = holdOut ? String.format(java.util.Locale.ROOT, "a held-out %s%%", CSearch.format(100 * search.holdOut()))
                    : folds.length + "-fold cross-validation";
            say.accept("choosing C by " + scheme + " on " + y.length + " vectors");
            Landmarking lm = holdOut ? null : landmarking;
            float[][] rows = mapped;
            CWalk.FoldSource source = f -> {
                boolean[] held = heldBy(fold, f);
                if (lm != null) {
                    lm.useFold(f, held);
                }
                return split(rows, y, held, working);
            };
            CWalk.Result r = CWalk.run(search, folds, scheme, source, s.svm(), candidates);
            outcome = r.outcome();
            say.accept(outcome.summary());
            if (holdOut && r.dual() != null) {
                start = spread(r.dual(), heldBy(fold, folds[0]));
            }
        }
        if (landmarking != null && !holdOut) {
            landmarking.useFold(-1, null);
        }
        double c = outcome.chosen();
        say.accept("fitting the SVM with C=" + CSearch.format(c) + " on " + x.length + " vectors");
        FeatureScaling sc = prescaled ? FeatureScaling.of(s.scaling()) : FeatureScaling.fit(s.scaling(), mapped);
        float[][] scaled = prescaled ? mapped : mapped == x ? scaleAll(sc, x) : scaleInPlace(sc, mapped);
        LinearSvm svm = new LinearSvm.Path(scaled, y, s.svm(), start).fit(c);
        NystromMap nystrom = landmarking == null ? null : landmarking.nystrom;
        return new SvmPipeline(s.kernelMap(), sc, landmarking == null ? null : landmarking.inputs, nystrom == null ? 0 : nystrom.gamma(),
                nystrom == null ? null : nystrom.inverseFactor(), svm, d, outcome);
    }

    /** C when a search was asked for but no row could be held out: LIBLINEAR's default. */
    static final double FALLBACK_C = 1;

    private static CWalk.FoldRows split(float[][] rows, int[] y, boolean[] held, FeatureScaling.Mode working) {
        int h = count(held);
        float[][] tx = new float[y.length - h][], hx = new float[h][];
        int[] ty = new int[tx.length], hy = new int[h];
        for (int i = 0, t = 0, v = 0; i < y.length; i++) {
            if (held[i]) {
                hx[v] = rows[i];
                hy[v++] = y[i];
            } else {
                tx[t] = rows[i];
                ty[t++] = y[i];
            }
        }
        FeatureScaling sc = FeatureScaling.fit(working, tx);
        return new CWalk.FoldRows(scaleAll(sc, tx), ty, scaleAll(sc, hx), hy);
    }

    /**
     * The landmark part of the rows: drawn from the rows not held out, its Nyström map, and the part written into
     * the rows in place (landmarks fewer than the room leave the rest zero, which no dot product sees). Under
     * cross-validation each fold has its own landmarks, and its part is kept, so that the walk over C, which
     * visits every fold at every C, computes each fold's kernel values once.
     */
    private static final class Landmarking {
        private final float[][] x, rows;
        private final int head;
        private final Landmarks settings;
        private final long seed;
        private final Consumer<String> say;
        private final Map<Integer, float[][]> parts = new java.util.HashMap<>();
        private int current = Integer.MIN_VALUE;
        float[][] inputs;
        NystromMap nystrom;

        Landmarking(float[][] x, float[][] rows, int head, Landmarks settings, long seed, Consumer<String> say) {
            this.x = x;
            this.rows = rows;
            this.head = head;
            this.settings = settings;
            this.seed = seed;
            this.say = say;
        }

        /** Makes the rows' landmark part that of fold {@code f}, whose held-out rows are {@code held} (null: none). */
        void useFold(int f, boolean[] held) {
            if (f == current) {
                return;
            }
            current = f;
            float[][] kept = parts.get(f);
            if (kept != null) {
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(kept[i], 0, rows[i], head, kept[i].length);
                }
                return;
            }
            fill(held);
            if (f >= 0 && held != null) {
                float[][] part = new float[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    part[i] = Arrays.copyOfRange(rows[i], head, rows[i].length);
                }
                parts.put(f, part);
            }
        }

        void fill(boolean[] held) {
            int[] chosen = drawLandmarks(x.length, settings.count(), held, seed);
            inputs = new float[chosen.length][];
            float[][] landmarks = new float[chosen.length][];
            for (int j = 0; j < chosen.length; j++) {
                inputs[j] = x[chosen[j]].clone();
                landmarks[j] = Arrays.copyOf(rows[chosen[j]], head);
            }
            say.accept(String.format(java.util.Locale.ROOT, "kernel values with %d landmarks (gamma %s)%s", chosen.length,
                    CSearch.format(settings.gamma()), held == null ? "" : String.format(java.util.Locale.ROOT, ", %d vectors held out", count(held))));
            nystrom = new NystromMap(landmarks, settings.gamma());
            fillLandmarkPart(rows, head, nystrom);
        }
    }

    private static boolean[] heldBy(int[] fold, int f) {
        boolean[] held = new boolean[fold.length];
        for (int i = 0; i < fold.length; i++) {
            held[i] = fold[i] == f;
        }
        return held;
    }

    private static int count(boolean[] held) {
        int n = 0;
        for (boolean h : held) {
            n += h ? 1 : 0;
        }
        return n;
    }

    /** A fold's dual variables ({@code [class][training row]}) over all rows, zero for the held-out ones. */
    private static double[][] spread(double[][] dual, boolean[] held) {
        double[][] out = new double[dual.length][held.length];
        for (int k = 0; k < dual.length; k++) {
            for (int i = 0, t = 0; i < held.length; i++) {
                if (!held[i]) {
                    out[k][i] = dual[k][t++];
                }
            }
        }
        return out;
    }

    /** {@code count} distinct row indices (all rows if fewer), seeded, none held out for validation. */
    static int[] drawLandmarks(int n, int count, boolean[] held, long seed) {
        int[] pool = java.util.stream.IntStream.range(0, n).filter(i -> held == null || !held[i]).toArray();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int take = Math.min(count, pool.length);
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, take);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Every row mapped and scaled (L2 or none: {@link Settings} refuses standardising with landmarks), with
     * {@code room} zeros after it; the zeros change neither the L2 norm nor the kernel values.
     */
    private static float[][] mapAndScaleWithRoom(HomogeneousKernelMap map, FeatureScaling.Mode scaling, float[][] x, int room) {
        FeatureScaling sc = FeatureScaling.of(scaling);
        float[][] out = new float[x.length][];
        Parallel.forRange(x.length, 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                float[] t = map == null ? x[i] : map.apply(x[i]);
                float[] row = Arrays.copyOf(t, t.length + room);
                sc.scaleInPlace(row);
                out[i] = row;
            }
        });
        return out;
    }

    /**
     * Writes each row's unit Nyström features after its first {@code head} values, a block of rows at a time,
     * and zeros after them up to the row's end.
     */
    private static void fillLandmarkPart(float[][] rows, int head, NystromMap nystrom) {
        for (int from = 0; from < rows.length; from += FEATURE_BLOCK) {
            int to = Math.min(rows.length, from + FEATURE_BLOCK);
            float[][] z = nystrom.unitFeatures(Arrays.copyOfRange(rows, from, to));
            for (int i = from; i < to; i++) {
                int m = z[i - from].length;
                System.arraycopy(z[i - from], 0, rows[i], head, m);
                Arrays.fill(rows[i], head + m, rows[i].length, 0f);
            }
        }
    }

    private static final int FEATURE_BLOCK = 8192;

    /** The landmark part of scaled vectors: unit Nyström features, or a format-2 model's raw kernel values. */
    private float[][] landmarkPart(float[][] t) { return unitFeatures ? nystrom.unitFeatures(t) : nystrom.kernelValues(t); }

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

    /** The vector the SVM sees: kernel map, scaling, then the landmark part if any. */
    public float[] transform(float[] x) {
        if (x.length != inputDimension) {
            throw new IllegalArgumentException("vector has " + x.length + " features, the model expects " + inputDimension);
        }
        float[] t = mapAndScale(x);
        if (nystrom == null) {
            return t;
        }
        float[] k = unitFeatures ? nystrom.unitFeatures(t) : nystrom.kernelValues(t);
        float[] out = Arrays.copyOf(t, t.length + k.length);
        System.arraycopy(k, 0, out, t.length, k.length);
        return out;
    }

    private float[] mapAndScale(float[] x) { return scaling.apply(kernelMap == null ? x : kernelMap.apply(x)); }

    /** One score per class, in {@link #classes()} order. */
    public float[] scores(float[] x) { return svm.scores(transform(x)); }

    /**
     * The scores of many vectors at once: the same as {@link #scores} per row, but the landmark part comes from
     * blocked matrix products per block of rows instead of passes over all landmarks per row.
     */
    public float[][] scoresAll(float[][] x) {
        for (float[] row : x) {
            if (row.length != inputDimension) {
                throw new IllegalArgumentException("vector has " + row.length + " features, the model expects " + inputDimension);
            }
        }
        float[][] out = new float[x.length][];
        for (int from = 0; from < x.length; from += FEATURE_BLOCK) {
            int to = Math.min(x.length, from + FEATURE_BLOCK), base = from;
            float[][] t = new float[to - from][];
            Parallel.forRange(t.length, 64, (a, b) -> {
                for (int i = a; i < b; i++) {
                    t[i] = mapAndScale(x[base + i]);
                }
            });
            float[][] k = nystrom == null ? null : landmarkPart(t);
            Parallel.forRange(t.length, 64, (a, b) -> {
                for (int i = a; i < b; i++) {
                    float[] v = t[i];
                    if (k != null) {
                        v = Arrays.copyOf(t[i], t[i].length + k[i].length);
                        System.arraycopy(k[i], 0, v, t[i].length, k[i].length);
                    }
                    out[base + i] = svm.scores(v);
                }
            });
        }
        return out;
    }

    public int predict(float[] x) { return svm.predict(transform(x)); }

    public int[] classes() { return svm.classes(); }

    public int inputDimension() { return inputDimension; }

    public LinearSvm svm() { return svm; }

    /** Landmarks of the Gaussian kernel part (0: none). */
    public int landmarkCount() { return nystrom == null ? 0 : nystrom.landmarkCount(); }

    /** How C was chosen and what each candidate scored; null for a pipeline read from a file. */
    public CSearch.Outcome cSearch() { return cSearch; }

    public void exportTo(ModelState s, String prefix) {
        s.putInt(prefix + "input_dimension", inputDimension);
        s.putString(prefix + "kernel_map", Boolean.toString(kernelMap != null));
        if (kernelMap != null) {
            kernelMap.exportTo(s, prefix + "kernel_map.");
        }
        scaling.exportTo(s, prefix + "scaling.");
        if (nystrom != null) {
            s.putString(prefix + "landmarks", Integer.toString(landmarkInputs.length));
            s.putDouble(prefix + "landmarks.gamma", nystrom.gamma());
            float[] flat = new float[landmarkInputs.length * inputDimension];
            for (int j = 0; j < landmarkInputs.length; j++) {
                System.arraycopy(landmarkInputs[j], 0, flat, j * inputDimension, inputDimension);
            }
            s.putArray(prefix + "landmarks.vectors", flat, landmarkInputs.length, inputDimension);
            if (unitFeatures) {
                s.putString(prefix + "landmarks.features", "unit");
                s.putArray(prefix + "landmarks.inverse_factor", packLower(nystrom.inverseFactor()), packedLength(landmarkInputs.length));
            }
        }
        svm.exportTo(s, prefix + "svm.");
    }

    /**
     * The pipeline saved under {@code prefix}. Every size in its strings (input dimension, kernel map order,
     * landmark count) must agree with the arrays actually present, the SVM's weights first, before anything
     * is allocated from it; an IllegalArgumentException says which does not.
     */
    public static SvmPipeline importFrom(ModelState s, String prefix) {
        boolean mapped = Boolean.parseBoolean(s.string(prefix + "kernel_map"));
        LinearSvm svm = LinearSvm.importFrom(s, prefix + "svm.");
        int d = s.integer(prefix + "input_dimension");
        int order = mapped ? s.integer(prefix + "kernel_map.order") : 0;
        int m = s.hasString(prefix + "landmarks") ? s.integer(prefix + "landmarks") : 0; // absent in models without kernel landmarks
        if (d < 1 || order < 0 || m < 0) {
            throw new IllegalArgumentException("'" + prefix + "input_dimension' " + d + ", kernel map order " + order + " and " + m
                    + " landmarks: sizes must not be negative");
        }
        long features = (long) d * HomogeneousKernelMap.expansion(order) + m;
        if (features != svm.dimension()) {
            throw new IllegalArgumentException("'" + prefix + "input_dimension' " + d + (mapped ? ", kernel map order " + order : "")
                    + (m > 0 ? " and " + m + " landmarks" : "") + " do not make the SVM's " + svm.dimension() + " weights per class");
        }
        FeatureScaling scaling = FeatureScaling.importFrom(s, prefix + "scaling.");
        if (scaling.mode() == FeatureScaling.Mode.STANDARDIZE && s.array(prefix + "scaling.mean").data().length != features - m) {
            throw new IllegalArgumentException("array '" + prefix + "scaling.mean' does not have the " + (features - m) + " values the features have");
        }
        HomogeneousKernelMap km = mapped ? HomogeneousKernelMap.importFrom(s, prefix + "kernel_map.") : null;
        float[][] landmarks = null, inverseFactor = null;
        double gamma = 0;
        if (s.hasString(prefix + "landmarks")) {
            float[] flat = s.array(prefix + "landmarks.vectors", m, d);
            landmarks = new float[m][];
            for (int j = 0; j < m; j++) {
                landmarks[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
            }
            gamma = s.real(prefix + "landmarks.gamma");
            if (s.hasString(prefix + "landmarks.features")) { // absent in format 2: raw kernel values
                if (!s.string(prefix + "landmarks.features").equals("unit")) {
                    throw new IllegalArgumentException("'" + prefix + "landmarks.features' is not 'unit'");
                }
                inverseFactor = unpackLower(s.array(prefix + "landmarks.inverse_factor", packedLength(m)), m);
            }
        }
        return new SvmPipeline(km, scaling, landmarks, gamma, inverseFactor, svm, d, null);
    }

    private static int packedLength(int m) { return Math.toIntExact((long) m * (m + 1) / 2); }

    /** The lower triangle, row by row (half the size of the square). */
    private static float[] packLower(float[][] lower) {
        float[] out = new float[packedLength(lower.length)];
        for (int i = 0, at = 0; i < lower.length; at += ++i) {
            System.arraycopy(lower[i], 0, out, at, i + 1);
        }
        return out;
    }

    private static float[][] unpackLower(float[] packed, int m) {
        float[][] out = new float[m][m];
        for (int i = 0, at = 0; i < m; at += ++i) {
            System.arraycopy(packed, at, out[i], 0, i + 1);
        }
        return out;
    }
}
