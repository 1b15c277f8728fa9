package org.convkit.features.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Choosing C on the training set: the folds, the walk over the grid, the rule, and the warm starts under it. */
class CSearchTest {
    static float[][] x;
    static int[] y;

    @BeforeAll
    static void load() throws IOException {
        FashionSample train = FashionSample.load("train");
        int[] idx = LinearSvmTest.firstPerClass(train.labels(), 60);
        x = Arrays.stream(idx).mapToObj(i -> scaled(train.pixels()[i])).toArray(float[][]::new);
        y = Arrays.stream(idx).map(i -> train.labels()[i]).toArray();
    }

    private static float[] scaled(float[] px) {
        float[] v = new float[px.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = px[i] / 255f;
        }
        return v;
    }

    @Test
    void crossValidationFoldsAreStratifiedAndAClassOfOneIsNeverHeldOut() {
        int[] labels = new int[103];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 3; // 34, 33, 33
        }
        labels[100] = 7; // a class of one
        labels[101] = 8;
        labels[102] = 8; // a class of two
        int[] fold = CSearch.defaults().assignFolds(labels, 4);
        int[][] perFold = new int[5][9];
        for (int i = 0; i < labels.length; i++) {
            if (fold[i] >= 0) {
                perFold[fold[i]][labels[i]]++;
            }
        }
        assertEquals(-1, fold[100]);
        assertTrue(fold[101] >= 0 && fold[102] >= 0 && fold[101] != fold[102], "a class of two: one row in each of two folds");
        for (int c = 0; c < 3; c++) {
            int min = Integer.MAX_VALUE, max = 0;
            for (int f = 0; f < 5; f++) {
                min = Math.min(min, perFold[f][c]);
                max = Math.max(max, perFold[f][c]);
            }
            assertTrue(max - min <= 1, "class " + c + ": " + min + " to " + max + " per fold");
        }
        assertEquals(100 + 2, Arrays.stream(fold).filter(f -> f >= 0).count());
        assertArrayEquals(fold, CSearch.defaults().assignFolds(labels, 4), "seeded");
    }

    @Test
    void largeSetsAreHeldOutOnce() {
        CSearch s = CSearch.defaults();
        assertTrue(s.crossValidates(9_999));
        assertTrue(!s.crossValidates(10_000));
        assertTrue(!s.withFolds(1).crossValidates(50));
        CSearch small = new CSearch(new double[0], true, 5, 100, 0.25, 2);
        int[] fold = small.assignFolds(y, 1);
        assertEquals(150, Arrays.stream(fold).filter(f -> f == 0).count());
        assertEquals(450, Arrays.stream(fold).filter(f -> f == -1).count());
    }

    @Test
    void badSearchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[] {1, 0.1}, false, 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[] {0, 1}, false, 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[0], false, 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[] {1}, true, 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> CSearch.defaults().withFolds(0));
        assertThrows(IllegalArgumentException.class, () -> CSearch.defaults().withHoldOut(1));
        assertEquals(List.of(0.01, 1.0), Arrays.stream(CSearch.defaults().withGrid(1, 0.01, 1).grid()).boxed().toList());
    }

    /**
     * The default grid starts at the power of ten at or below 0.1 / R^2 (R^2 the rows' mean squared norm, bias
     * included) and spans six decades: where the best C of standardised HOG (R^2 near 3,925) and of unit-length
     * Fisher vectors (R^2 = 2) lies, whatever the scale.
     */
    @Test
    void theDefaultGridIsPlacedByTheRowsNorm() {
        CSearch s = CSearch.defaults();
        assertArrayEquals(new double[] {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10}, s.gridFor(3925));
        assertEquals(0.01, s.gridFor(2)[0]);
        assertEquals(1, s.gridFor(0.1)[0], "0.1 / 0.1 is a power of ten itself");
        assertEquals(1e-4, s.gridFor(325)[0]);
        assertEquals(13, s.gridFor(2).length);
        assertEquals(1 / 3925.0, s.firstStop(3925));
        assertArrayEquals(new double[] {0.1, 1}, s.withGrid(1, 0.1).gridFor(3925), "a given grid stays as given");
        assertEquals(0, s.withGrid(1, 0.1).firstStop(3925));
        assertEquals((1 + 1 + 3924 * 4) / 2.0, CWalk.meanSquaredNorm(new float[][] {new float[3924], filled(3924, 2f)}), 1e-9);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * The walk ends two Cs in a row below the best, but not below 1 / R^2: far below it the SVM tends to a
     * nearest-class-mean rule, whose score can dip before it rises (as on the Fisher vectors of 2,000
     * Fashion-MNIST images, bench/RESULTS.md).
     */
    @Test
    void theWalkEndsTwoCsPastTheBestButNotInTheDipBelowOneOverRSquared() {
        CSearch s = CSearch.defaults();
        List<CSearch.Score> dip = new ArrayList<>();
        double[] cs = {1e-4, 3e-4, 1e-3, 3e-3, 0.01};
        int[] right = {1575, 1572, 1566, 1582, 1610};
        for (int i = 0; i < 3; i++) {
            dip.add(new CSearch.Score(cs[i], right[i], 2000, 0));
        }
        assertTrue(!s.stops(dip, 0.5), "below 1 / R^2 = 0.5 the walk goes on");
        assertTrue(s.stops(dip, 1e-4), "with no floor, two below the best end the walk");
        assertTrue(!s.withPatience(0).stops(dip, 0));
        List<CSearch.Score> rise = new ArrayList<>(List.of(new CSearch.Score(1, 1746, 2000, 0), new CSearch.Score(3, 1733, 2000, 0)));
        assertTrue(!s.stops(rise, 0.5));
        rise.add(new CSearch.Score(10, 1746, 2000, 0)); // a tie is no new best
        assertTrue(!s.stops(rise, 0.5));
        rise.add(new CSearch.Score(30, 1725, 2000, 0));
        assertTrue(s.stops(rise, 0.5));
    }

    /** On real rows: the chosen C has the most held-out rows right; patience 0 scores the whole grid, to the same scores. */
    @Test
    void theWalkChoosesTheMostRightAndAFullWalkAgrees() {
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withSearch(CSearch.defaults()), null);
        List<CSearch.Score> scores = p.cSearch().scores();
        int n = scores.size();
        int best = scores.stream().mapToInt(CSearch.Score::right).max().orElseThrow();
        CSearch.Score chosen = scores.stream().filter(s -> s.right() == best).findFirst().orElseThrow();
        assertEquals(chosen.c(), p.cSearch().chosen());
        assertEquals(600, chosen.scored());
        assertTrue(n < CSearch.ANCHORED_VALUES, "pixels of 600 images overfit long before the grid's end: " + scores);
        double[] grid = p.cSearch().grid();
        for (int i = 0; i < n; i++) {
            assertEquals(grid[i], scores.get(i).c());
        }

        SvmPipeline q = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withSearch(CSearch.defaults().withPatience(0)), null);
        assertEquals(CSearch.ANCHORED_VALUES, q.cSearch().scores().size());
        assertEquals(scores, q.cSearch().scores().subList(0, n), "the same folds and the same warm starts give the same scores");
    }

    @Test
    void aTieGoesToTheSmallerC() {
        // two far-apart clusters: every C gets every held-out row right
        float[][] easy = new float[40][];
        int[] labels = new int[40];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < easy.length; i++) {
            labels[i] = i % 2;
            easy[i] = new float[] {(float) (labels[i] * 10 + r.nextDouble()), (float) r.nextDouble()};
        }
        SvmPipeline p = SvmPipeline.fit(easy, labels, SvmPipeline.Settings.defaults().withC(0.1, 1, 10), null);
        assertTrue(p.cSearch().scores().stream().allMatch(s -> s.right() == 40), p.cSearch().scores().toString());
        assertEquals(0.1, p.cSearch().chosen());
    }

    @Test
    void candidatesAreReportedOncePerC() {
        List<String> lines = new ArrayList<>(), stages = new ArrayList<>();
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withC(0.001, 0.01), stages::add, lines::add);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.getFirst().startsWith("C=0.001: ") && lines.getFirst().contains(" of 600 held-out vectors right"), lines.toString());
        assertTrue(stages.contains("choosing C by 5-fold cross-validation on 600 vectors"), stages.toString());
        int chose = indexOfPrefix(stages, "chose C=" + CSearch.format(p.cSearch().chosen()) + " by 5-fold cross-validation: held-out accuracy ");
        assertTrue(chose >= 0 && chose < indexOfPrefix(stages, "fitting the SVM with C="), "the choice is said before the final fit: " + stages);
        assertEquals("0.001:" + String.format(java.util.Locale.ROOT, "%.4f", p.cSearch().scores().getFirst().accuracy())
                + " 0.01:" + String.format(java.util.Locale.ROOT, "%.4f", p.cSearch().scores().get(1).accuracy()), p.cSearch().scoresText());
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The summary says when the best C lies at an end of the grid, where a better one may lie beyond. */
    @Test
    void theSummarySaysWhenTheBestIsAtAnEndOfTheGrid() {
        double[] grid = {0.1, 0.3, 1};
        List<CSearch.Score> scores = List.of(new CSearch.Score(0.1, 50, 100, 0.05), new CSearch.Score(0.3, 60, 100, 0.05),
                new CSearch.Score(1, 70, 100, 0.046));
        CSearch.Outcome top = new CSearch.Outcome(1, scores, grid, "a held-out 10%");
        assertEquals("chose C=1 by a held-out 10%: held-out accuracy 0.7000 (+- 0.0460); 3 Cs scored, 0.1 to 1;"
                + " the largest C scored best: larger ones may score better", top.summary());
        assertTrue(new CSearch.Outcome(0.1, scores, grid, "x").summary().endsWith("the smallest C scored best: smaller ones may score better"));
        assertTrue(new CSearch.Outcome(0.3, scores, grid, "x").summary().endsWith("0.1 to 1"));
    }

    /** With nothing to hold out (every class a single row), the search falls back to C = 1 and says so. */
    @Test
    void withoutRowsToHoldOutCIsOne() {
        List<String> stages = new ArrayList<>();
        SvmPipeline p = SvmPipeline.fit(new float[][] {{0, 1}, {1, 0}}, new int[] {0, 1},
                SvmPipeline.Settings.defaults().withSearch(CSearch.defaults()), stages::add);
        assertEquals(1.0, p.cSearch().chosen());
        assertTrue(!p.cSearch().searched());
        assertTrue(stages.getFirst().contains("no class has two rows"), stages.toString());
    }

    /**
     * A single hold-out (here forced by a threshold of 100 rows): the final fit starts from the search's dual
     * solution; it reaches the same SVM as a fit from zero, to the solver's tolerance.
     */
    @Test
    void aHoldOutsWarmStartedFinalFitIsTheColdFit() {
        CSearch holdOut = new CSearch(new double[] {0.001, 0.01, 0.1}, false, 5, 100, 0.2, 0);
        LinearSvm.Options tight = new LinearSvm.Options(1, 1e-4, 5000, LinearSvm.Solver.DENSE, 1);
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withSearch(holdOut).withSvm(tight), null);
        assertEquals("a held-out 20%", p.cSearch().scheme());
        assertEquals(120, p.cSearch().scores().getFirst().scored());
        SvmPipeline cold = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withC(p.cSearch().chosen()).withSvm(tight), null);
        float[] a = p.svm().weights(), b = cold.svm().weights();
        double diff = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        assertTrue(Math.sqrt(diff / norm) < 0.01, "relative weight difference " + Math.sqrt(diff / norm));
    }
}
