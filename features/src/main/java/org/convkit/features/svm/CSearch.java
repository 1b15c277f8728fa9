package org.convkit.features.svm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How {@link SvmPipeline} chooses the SVM's C on the training set: each candidate is fitted without some
 * of the training rows and scored on them, and the C with the most of them right is refitted on all rows.
 *
 * <ul>
 * <li>Which rows are held out: below {@code crossValidateBelow} rows, stratified {@code folds}-fold cross
 * validation (every row scored once, so that a small set still gives the score of all its rows); from
 * there on, one stratified hold-out of {@code holdOut} (a share of thousands of rows is already a stable
 * score, and k fits of a large set would take k times as long). A class with a single row is never held
 * out.</li>
 * <li>Which Cs: {@code grid}, ascending, or by default ({@code anchored}) 13 values 1, 3, 10, 30 ... apart
 * from a start set by the rows' mean squared norm {@code R^2} (bias included): the power of ten at or
 * below {@code 0.1 / R^2} ({@link #anchor}). {@code 1 / R^2} is SVMlight's default C, and the best C of
 * every linear pipeline tried lay between 1 and 20 times it (bench/RESULTS.md): the grid starts one to two
 * decades below that and reaches four to five above, whatever the features' scale (3,924 standardised HOG
 * values start at 1e-5, unit-length Fisher vectors at 0.01). The grid is walked upwards with warm starts
 * ({@link LinearSvm.Path}); with {@code patience > 0} the walk stops once that many Cs in a row have
 * scored below the best so far (past its best C the score only falls, and the largest Cs are the slowest
 * to fit), but never below {@code 1 / R^2}: far below it the SVM tends to a nearest-class-mean rule whose
 * score can fall before it rises.</li>
 * <li>Which C wins: the most held-out rows right over all folds; a tie goes to the smaller C, the
 * stronger regularisation.</li>
 * </ul>
 *
 * @param grid               candidate Cs, ascending; one value and not anchored: no search
 * @param anchored           the grid is the default one, placed by the data ({@link #gridFor}); {@code grid} is then empty
 * @param folds              k of the k-fold cross validation (2 or more; 1: always one hold-out)
 * @param crossValidateBelow training sets with fewer rows are cross-validated, larger ones held out once
 * @param holdOut            the held-out share of each class in a single hold-out, in (0, 1)
 * @param patience           Cs in a row below the best that end the walk; 0: score every C
 */
public record CSearch(double[] grid, boolean anchored, int folds, int crossValidateBelow, double holdOut, int patience) {

    /** Values of the anchored grid: six decades in steps of about half a decade (1, 3, 10, ...). */
    public static final int ANCHORED_VALUES = 13;

    public static final int DEFAULT_FOLDS = 5, DEFAULT_CROSS_VALIDATE_BELOW = 10_000, DEFAULT_PATIENCE = 2;

    public static final double DEFAULT_HOLD_OUT = 0.1;

    public CSearch {
        if (anchored != (grid.length == 0)) {
            throw new IllegalArgumentException(anchored ? "an anchored grid is made from the data, not given" : "the C grid is empty");
        }
        grid = grid.clone();
        for (int i = 0; i < grid.length; i++) {
            if (!(grid[i] > 0) || Double.isInfinite(grid[i]) || (i > 0 && !(grid[i] > grid[i - 1]))) {
                throw new IllegalArgumentException("the C grid must hold positive values in ascending order, got " + Arrays.toString(grid));
            }
        }
        if (folds < 1) {
            throw new IllegalArgumentException("the number of folds must be at least 1, got " + folds);
        }
        if ((anchored || grid.length > 1) && !(holdOut > 0 && holdOut < 1)) {
            throw new IllegalArgumentException("choosing C needs a held-out share in (0, 1), got " + holdOut);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must not be negative, got " + patience);
        }
    }

    /** The default search: the anchored grid, 5 folds below 10,000 rows, else 10% held out, patience 2. */
    public static CSearch defaults() {
        return new CSearch(new double[0], true, DEFAULT_FOLDS, DEFAULT_CROSS_VALIDATE_BELOW, DEFAULT_HOLD_OUT, DEFAULT_PATIENCE);
    }

    /** One C, no search. */
    public static CSearch fixed(double c) {
        return new CSearch(new double[] {c}, false, DEFAULT_FOLDS, DEFAULT_CROSS_VALIDATE_BELOW, DEFAULT_HOLD_OUT, 0);
    }

    /** These Cs (sorted here), every one scored. */
    public CSearch withGrid(double... cs) {
        double[] sorted = Arrays.stream(cs).sorted().distinct().toArray();
        return new CSearch(sorted, false, folds, crossValidateBelow, holdOut, 0);
    }

    public CSearch withFolds(int k) { return new CSearch(grid, anchored, k, crossValidateBelow, holdOut, patience); }

    public CSearch withHoldOut(double share) { return new CSearch(grid, anchored, folds, crossValidateBelow, share, patience); }

    public CSearch withPatience(int p) { return new CSearch(grid, anchored, folds, crossValidateBelow, holdOut, p); }

    public boolean isFixed() { return !anchored && grid.length == 1; }

    /** The first C of the anchored grid: the power of ten at or below {@code 0.1 / meanSquaredNorm}. */
    public static double anchor(double meanSquaredNorm) {
        if (!(meanSquaredNorm > 0) || Double.isInfinite(meanSquaredNorm)) {
            throw new IllegalArgumentException("the rows' mean squared norm must be positive, got " + meanSquaredNorm);
        }
        return Math.pow(10, Math.floor(Math.log10(0.1 / meanSquaredNorm) + 1e-9));
    }

    /** The Cs to walk for rows of this mean squared norm (bias included). */
    public double[] gridFor(double meanSquaredNorm) {
        if (!anchored) {
            return grid.clone();
        }
        double start = anchor(meanSquaredNorm);
        double[] g = new double[ANCHORED_VALUES];
        for (int i = 0; i < g.length; i++) {
            g[i] = Double.parseDouble(format(start * Math.pow(10, i / 2) * (i % 2 == 0 ? 1 : 3)));
        }
        return g;
    }

    /**
     * True when the walk ends after these scores (ascending C): {@code patience} of them, at or above
     * {@code firstStop}, scored below the best before them, with no new best since.
     */
    boolean stops(List<Score> scores, double firstStop) {
        int best = -1, below = 0;
        for (Score s : scores) {
            if (s.right() > best) {
                best = s.right();
                below = 0;
            } else if (s.right() < best && s.c() >= firstStop) {
                below++;
            }
        }
        return patience > 0 && below >= patience;
    }

    /** The smallest C at which the walk may stop: {@code 1 / meanSquaredNorm} on the anchored grid, else any. */
    double firstStop(double meanSquaredNorm) { return anchored ? 1 / meanSquaredNorm : 0; }

    /** True when a training set of {@code rows} rows is cross-validated rather than held out once. */
    public boolean crossValidates(int rows) { return folds >= 2 && rows < crossValidateBelow; }

    /**
     * The fold of each row ({@code -1}: never held out): for cross validation, the rows of each class in a
     * seeded random order dealt to the folds in turn, continuing from class to class, so that each fold
     * holds a near-equal share of every class; for one hold-out, {@code holdOut} of each class in fold 0.
     */
    int[] assignFolds(int[] y, long seed) {
        int[] fold = new int[y.length];
        Arrays.fill(fold, -1);
        SplittableRandom rng = new SplittableRandom(seed);
        boolean cv = crossValidates(y.length);
        int next = 0;
        for (int c : Arrays.stream(y).distinct().sorted().toArray()) {
            int[] idx = IntStream.range(0, y.length).filter(i -> y[i] == c).toArray();
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            if (idx.length < 2) {
                continue;
            }
            if (cv) {
                for (int i : idx) {
                    fold[i] = next;
                    next = (next + 1) % folds;
                }
            } else {
                int take = Math.max(1, (int) Math.round(holdOut * idx.length));
                for (int i = 0; i < Math.min(take, idx.length - 1); i++) {
                    fold[idx[i]] = 0;
                }
            }
        }
        return fold;
    }

    /** One candidate's score: {@code right} of {@code scored} held-out rows, and the spread over folds. */
    public record Score(double c, int right, int scored, double standardError) {
        public double accuracy() { return scored == 0 ? 0 : (double) right / scored; }
    }

    /**
     * What the search found.
     *
     * @param chosen the C refitted on all rows
     * @param scores every C scored, ascending (empty when no C was searched)
     * @param grid   the Cs the walk could score (empty when no C was searched)
     * @param scheme how the rows were held out, e.g. "5-fold cross-validation" (or why no search ran)
     */
    public record Outcome(double chosen, List<Score> scores, double[] grid, String scheme) {
        public Outcome {
            scores = List.copyOf(scores);
            grid = grid.clone();
        }

        /** True when a search ran. */
        public boolean searched() { return !scores.isEmpty(); }

        /** True when the chosen C is the largest of the grid: a larger C might score better. */
        public boolean atUpperEdge() { return searched() && scores.size() > 1 && chosen == grid[grid.length - 1]; }

        /** True when the chosen C is the smallest of the grid: a smaller C might score better. */
        public boolean atLowerEdge() { return searched() && scores.size() > 1 && chosen == grid[0]; }

        /** The chosen C's score. */
        public Score best() { return scores.stream().filter(s -> s.c() == chosen).findFirst().orElseThrow(); }

        /**
         * One line: the chosen C, how, its held-out score and the range scored; a best C at an end of the grid
         * says that the best may lie beyond it.
         */
        public String summary() {
            Score b = best();
            String line = String.format(Locale.ROOT, "chose C=%s by %s: held-out accuracy %.4f (+- %.4f); %d C%s scored, %s to %s",
                    format(chosen), scheme, b.accuracy(), b.standardError(), scores.size(), scores.size() == 1 ? "" : "s",
                    format(scores.getFirst().c()), format(scores.getLast().c()));
            if (atUpperEdge()) {
                line += "; the largest C scored best: larger ones may score better";
            } else if (atLowerEdge()) {
                line += "; the smallest C scored best: smaller ones may score better";
            }
            return line;
        }

        /** The scores as "C:accuracy" pairs, for a model's metadata. */
        public String scoresText() {
            StringBuilder b = new StringBuilder();
            for (Score s : scores) {
                b.append(b.isEmpty() ? "" : " ").append(format(s.c())).append(':')
                        .append(String.format(Locale.ROOT, "%.4f", s.accuracy()));
            }
            return b.toString();
        }
    }

    /** A C as people write it: 0.0003, 3, 1e-05. */
    public static String format(double c) {
        return String.format(Locale.ROOT, "%g", c).replaceAll("\\.?0+(e|$)", "$1");
    }
}
