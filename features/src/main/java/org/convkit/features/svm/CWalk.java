package org.convkit.features.svm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Walks a {@link CSearch}'s grid upwards: at each C, every fold's SVM is fitted (warm-started from the
 * same fold's fit at the C before) and scored on the fold's held-out rows; the right answers add up over
 * the folds, and the walk stops once {@code patience} Cs in a row have scored below the best of all folds
 * together. The folds' rows come from a {@link FoldSource} when needed, so that only one fold's scaled
 * copy is held at a time.
 */
final class CWalk {
    private CWalk() {}

    /** One fold's rows: the training part, scaled as fitted on it alone, and the held-out part scaled the same. */
    record FoldRows(float[][] trainX, int[] trainY, float[][] heldX, int[] heldY) {}

    interface FoldSource {
        FoldRows rows(int fold);
    }

    /**
     * @param outcome the chosen C and every score
     * @param dual    with a single fold, its dual variables at the chosen C ({@code [class][training row]}), else null
     */
    record Result(CSearch.Outcome outcome, double[][] dual) {}

    /**
     * @param folds      the fold numbers that hold rows out
     * @param candidates one line per C scored, may be null
     */
    static Result run(CSearch search, int[] folds, String scheme, FoldSource source, LinearSvm.Options options,
                      Consumer<String> candidates) {
        double[][][] dual = new double[folds.length][][];
        FoldRows kept = null; // a single fold's rows are made once
        FoldRows first = source.rows(folds[0]);
        double r2 = meanSquaredNorm(first.trainX());
        double[] grid = search.gridFor(r2);
        double firstStop = search.firstStop(r2);
        List<CSearch.Score> scores = new ArrayList<>();
        CSearch.Score best = null;
        double[][] bestDual = null;
        for (double c : grid) {
            long t0 = System.nanoTime();
            int right = 0, scored = 0;
            double[] accuracy = new double[folds.length];
            for (int f = 0; f < folds.length; f++) {
                FoldRows rows = kept != null ? kept : first != null ? first : source.rows(folds[f]);
                first = null;
                if (folds.length == 1) {
                    kept = rows;
                }
                LinearSvm.Path path = new LinearSvm.Path(rows.trainX(), rows.trainY(), options, dual[f]);
                LinearSvm m = path.fit(c);
                dual[f] = path.dual();
                int r = 0;
                for (int i = 0; i < rows.heldX().length; i++) {
                    r += m.predict(rows.heldX()[i]) == rows.heldY()[i] ? 1 : 0;
                }
                right += r;
                scored += rows.heldX().length;
                accuracy[f] = (double) r / rows.heldX().length;
            }
            CSearch.Score score = new CSearch.Score(c, right, scored, standardError(accuracy, right, scored));
            scores.add(score);
            if (candidates != null) {
                candidates.accept(String.format(Locale.ROOT, "C=%s: %d of %d held-out vectors right, accuracy %.4f (+- %.4f) (%.1f s)",
                        CSearch.format(c), right, scored, score.accuracy(), score.standardError(), (System.nanoTime() - t0) / 1e9));
            }
            if (best == null || right > best.right()) { // ascending: a tie keeps the smaller C
                best = score;
                bestDual = folds.length == 1 ? dual[0] : null;
            }
            if (search.stops(scores, firstStop)) {
                break;
            }
        }
        return new Result(new CSearch.Outcome(best.c(), scores, grid, scheme), bestDual);
    }

    /** The mean of {@code |x|^2 + 1} over the rows: the squared norm the solver sees, bias included. */
    static double meanSquaredNorm(float[][] rows) {
        double sum = 0;
        for (float[] r : rows) {
            double s = 1;
            for (float v : r) {
                s += (double) v * v;
            }
            sum += s;
        }
        return sum / rows.length;
    }

    /** Over folds, the spread of their accuracies; for one fold, the binomial {@code sqrt(p (1 - p) / n)}. */
    private static double standardError(double[] accuracy, int right, int scored) {
        if (accuracy.length < 2) {
            double p = (double) right / scored;
            return Math.sqrt(p * (1 - p) / scored);
        }
        double mean = 0, ss = 0;
        for (double a : accuracy) {
            mean += a / accuracy.length;
        }
        for (double a : accuracy) {
            ss += (a - mean) * (a - mean);
        }
        return Math.sqrt(ss / (accuracy.length - 1) / accuracy.length);
    }
}
