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
        CSearch small = new CSearch(CSearch.DEFAULT_GRID, 5, 100, 0.25, 2);
        int[] fold = small.assignFolds(y, 1);
        assertEquals(150, Arrays.stream(fold).filter(f -> f == 0).count());
        assertEquals(450, Arrays.stream(fold).filter(f -> f == -1).count());
    }

    @Test
    void badSearchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[] {1, 0.1}, 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[] {0, 1}, 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> new CSearch(new double[0], 5, 10, 0.1, 2));
        assertThrows(IllegalArgumentException.class, () -> CSearch.defaults().withFolds(0));
        assertThrows(IllegalArgumentException.class, () -> CSearch.defaults().withHoldOut(1));
        assertEquals(List.of(0.01, 1.0), Arrays.stream(CSearch.defaults().withGrid(1, 0.01, 1).grid()).boxed().toList());
    }

    /**
     * The walk scores C upwards and stops once two Cs in a row score below the best; the chosen C has the most
     * held-out rows right, the smaller C on a tie; patience 0 scores the whole grid.
     */
    @Test
    void theWalkStopsTwoCsPastTheBestAndChoosesTheMostRight() {
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withSearch(CSearch.defaults()), null);
        List<CSearch.Score> scores = p.cSearch().scores();
        int n = scores.size();
        int best = scores.stream().mapToInt(CSearch.Score::right).max().orElseThrow();
        CSearch.Score chosen = scores.stream().filter(s -> s.right() == best).findFirst().orElseThrow();
        assertEquals(chosen.c(), p.cSearch().chosen());
        assertEquals(600, chosen.scored());
        assertTrue(n == CSearch.DEFAULT_GRID.length
                || (scores.get(n - 1).right() < best && scores.get(n - 2).right() < best), scores.toString());
        assertTrue(n < CSearch.DEFAULT_GRID.length, "pixels of 600 images overfit long before C = 100: " + scores);
        for (int i = 0; i < n; i++) {
            assertEquals(CSearch.DEFAULT_GRID[i], scores.get(i).c());
        }

        CSearch all = CSearch.defaults().withGrid(CSearch.DEFAULT_GRID);
        assertEquals(0, all.patience());
        SvmPipeline q = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withSearch(all), null);
        assertEquals(CSearch.DEFAULT_GRID.length, q.cSearch().scores().size());
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
        assertEquals("0.001:" + String.format(java.util.Locale.ROOT, "%.4f", p.cSearch().scores().getFirst().accuracy())
                + " 0.01:" + String.format(java.util.Locale.ROOT, "%.4f", p.cSearch().scores().get(1).accuracy()), p.cSearch().scoresText());
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
        CSearch holdOut = new CSearch(new double[] {0.001, 0.01, 0.1}, 5, 100, 0.2, 0);
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
