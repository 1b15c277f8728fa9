package org.convkit.features.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.convkit.features.encode.HomogeneousKernelMap;
import org.convkit.features.state.ModelState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LinearSvmTest {
    static FashionSample train;
    static FashionSample test;

    @BeforeAll
    static void load() throws IOException {
        train = FashionSample.load("train");
        test = FashionSample.load("test");
    }

    static double accuracy(SvmPipeline p, FashionSample s) {
        int right = 0;
        for (int i = 0; i < s.count(); i++) {
            right += p.predict(s.pixels()[i]) == s.labels()[i] ? 1 : 0;
        }
        return (double) right / s.count();
    }

    /** Every class once: stratified subset of the first {@code per} images of each class. */
    static int[] firstPerClass(int[] labels, int per) {
        int[] seen = new int[10];
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> seen[labels[i]]++ < per).toArray();
    }

    @Test
    void liblinearOnPixelsBeatsChanceByAWideMarginAndRoundTrips() {
        SvmPipeline p = SvmPipeline.fit(train.pixels(), train.labels(),
                SvmPipeline.Settings.defaults().withC(0.01).withSvm(LinearSvm.Options.defaults().withSolver(LinearSvm.Solver.LIBLINEAR)), null);
        double acc = accuracy(p, test);
        assertTrue(acc > 0.75, "pixels + linear SVM on 3000 training images: test accuracy " + acc);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, p.classes());

        ModelState s = new ModelState();
        p.exportTo(s, "svm.");
        SvmPipeline back = SvmPipeline.importFrom(s, "svm.");
        for (int i = 0; i < test.count(); i++) {
            assertArrayEquals(p.scores(test.pixels()[i]), back.scores(test.pixels()[i]));
        }
        assertArrayEquals(new int[] {10, 784}, s.array("svm.svm.weights").shape());
    }

    @Test
    void denseSolverAgreesWithLiblinear() {
        int[] idx = firstPerClass(train.labels(), 60);
        float[][] x = Arrays.stream(idx).mapToObj(i -> scale(train.pixels()[i])).toArray(float[][]::new);
        int[] y = Arrays.stream(idx).map(i -> train.labels()[i]).toArray();
        LinearSvm.Options o = new LinearSvm.Options(0.05, 0.001, 2000, LinearSvm.Solver.LIBLINEAR, 1);
        LinearSvm lib = LinearSvm.fit(x, y, o);
        LinearSvm dense = LinearSvm.fit(x, y, o.withSolver(LinearSvm.Solver.DENSE));
        // Same strictly convex problem, both solved to a tight tolerance: the same weights.
        float[] a = lib.weights(), b = dense.weights();
        double diff = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += a[i] * a[i];
        }
        assertTrue(Math.sqrt(diff / norm) < 0.01, "relative weight difference " + Math.sqrt(diff / norm));
        int agree = 0;
        for (float[] t : test.pixels()) {
            float[] v = scale(t);
            agree += lib.predict(v) == dense.predict(v) ? 1 : 0;
        }
        assertTrue(agree >= 990, "predictions agree on " + agree + " of 1000");
    }

    @Test
    void kernelMapAndValidatedCGridRoundTrip() {
        int[] idx = firstPerClass(train.labels(), 100);
        float[][] x = Arrays.stream(idx).mapToObj(i -> scale(train.pixels()[i])).toArray(float[][]::new);
        int[] y = Arrays.stream(idx).map(i -> train.labels()[i]).toArray();
        SvmPipeline.Settings s = SvmPipeline.Settings.defaults()
                .withKernelMap(new HomogeneousKernelMap(HomogeneousKernelMap.Kernel.CHI2, 1))
                .withScaling(FeatureScaling.Mode.L2).withC(0.1, 1, 10).withValidation(0.2)
                .withSvm(LinearSvm.Options.defaults().withSolver(LinearSvm.Solver.DENSE));
        StringBuilder log = new StringBuilder();
        SvmPipeline p = SvmPipeline.fit(x, y, s, m -> log.append(m).append('\n'));
        assertEquals(3, p.cSearch().scores().size(), log.toString());
        assertEquals("5-fold cross-validation", p.cSearch().scheme());
        assertEquals(784 * 3, p.svm().dimension());
        int right = 0;
        for (int i = 0; i < test.count(); i++) {
            right += p.predict(scale(test.pixels()[i])) == test.labels()[i] ? 1 : 0;
        }
        assertTrue(right > 700, "chi2-mapped pixels, 1000 training images: " + right + " of 1000 right");
        ModelState st = new ModelState();
        p.exportTo(st, "m.");
        SvmPipeline back = SvmPipeline.importFrom(st, "m.");
        for (int i = 0; i < 200; i++) {
            float[] v = scale(test.pixels()[i]);
            assertArrayEquals(p.scores(v), back.scores(v));
        }
    }

    /** The map's L2 scaling, done in place on the pipeline's own rows, is the scaling it stores and applies. */
    @Test
    void mappedRowsScaledInPlaceGiveTheSameSvmAsScalingFirstAndLeaveTheInputAlone() {
        int[] idx = firstPerClass(train.labels(), 40);
        float[][] x = Arrays.stream(idx).mapToObj(i -> scale(train.pixels()[i])).toArray(float[][]::new);
        float[][] copy = Arrays.stream(x).map(float[]::clone).toArray(float[][]::new);
        int[] y = Arrays.stream(idx).map(i -> train.labels()[i]).toArray();
        HomogeneousKernelMap map = new HomogeneousKernelMap(HomogeneousKernelMap.Kernel.CHI2, 1);
        LinearSvm.Options dense = LinearSvm.Options.defaults().withSolver(LinearSvm.Solver.DENSE);
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withKernelMap(map)
                .withScaling(FeatureScaling.Mode.L2).withC(0.1, 1).withValidation(0.25).withSvm(dense), null);
        assertArrayEquals(copy, x);
        FeatureScaling l2 = FeatureScaling.of(FeatureScaling.Mode.L2);
        float[][] by = Arrays.stream(x).map(v -> l2.apply(map.apply(v))).toArray(float[][]::new);
        SvmPipeline q = SvmPipeline.fit(by, y, SvmPipeline.Settings.defaults().withScaling(FeatureScaling.Mode.NONE)
                .withC(0.1, 1).withValidation(0.25).withSvm(dense), null);
        assertEquals(q.cSearch().scores(), p.cSearch().scores());
        for (int i = 0; i < 50; i++) {
            float[] v = scale(test.pixels()[i]);
            assertArrayEquals(q.scores(l2.apply(map.apply(v))), p.scores(v));
        }
    }

    /** A path's next fit starts from the dual solution given: one pass from the solution stays at it, one from zero does not. */
    @Test
    void aWarmStartBeginsAtTheGivenDualSolution() {
        int[] idx = firstPerClass(train.labels(), 30);
        float[][] x = Arrays.stream(idx).mapToObj(i -> scale(train.pixels()[i])).toArray(float[][]::new);
        int[] y = Arrays.stream(idx).map(i -> train.labels()[i]).toArray();
        LinearSvm.Path path = new LinearSvm.Path(x, y, new LinearSvm.Options(0.1, 1e-4, 5000, LinearSvm.Solver.DENSE, 1), null);
        LinearSvm solution = path.fit(0.1);
        LinearSvm.Options onePass = new LinearSvm.Options(0.1, 1e-4, 1, LinearSvm.Solver.DENSE, 1);
        LinearSvm warm = new LinearSvm.Path(x, y, onePass, path.dual()).fit(0.1);
        LinearSvm cold = new LinearSvm.Path(x, y, onePass, null).fit(0.1);
        assertTrue(relativeDifference(warm, solution) < 1e-3, "warm: " + relativeDifference(warm, solution));
        assertTrue(relativeDifference(cold, solution) > 0.05, "cold: " + relativeDifference(cold, solution));
        double[][] negative = path.dual();
        negative[0][0] = -1;
        assertThrows(IllegalArgumentException.class, () -> new LinearSvm.Path(x, y, onePass, negative).fit(0.1));
        assertThrows(IllegalArgumentException.class, () -> new LinearSvm.Path(x, y, onePass, new double[3][x.length]));
    }

    private static double relativeDifference(LinearSvm a, LinearSvm b) {
        float[] p = a.weights(), q = b.weights();
        double diff = 0, norm = 0;
        for (int i = 0; i < p.length; i++) {
            diff += (p[i] - q[i]) * (p[i] - q[i]);
            norm += q[i] * q[i];
        }
        return Math.sqrt(diff / norm);
    }

    /** AUTO: LIBLINEAR for sparse rows, the dense solver for dense ones (pixels of clothes are half non-zero). */
    @Test
    void autoTakesTheDenseSolverForDenseRows() {
        int[] idx = firstPerClass(train.labels(), 10);
        float[][] x = Arrays.stream(idx).mapToObj(i -> scale(train.pixels()[i])).toArray(float[][]::new);
        int[] y = Arrays.stream(idx).map(i -> train.labels()[i]).toArray();
        assertEquals(LinearSvm.Solver.DENSE, new LinearSvm.Path(x, y, LinearSvm.Options.defaults(), null).solver());
        float[][] sparse = new float[x.length][100];
        for (int i = 0; i < x.length; i++) {
            sparse[i][y[i]] = 1;
            sparse[i][50 + i % 50] = 1;
        }
        assertEquals(LinearSvm.Solver.LIBLINEAR, new LinearSvm.Path(sparse, y, LinearSvm.Options.defaults(), null).solver());
    }

    @Test
    void holdOutIsStratified() {
        int[] fold = CSearch.defaults().withFolds(1).assignFolds(train.labels(), 3);
        int[] perClass = new int[10];
        for (int i = 0; i < fold.length; i++) {
            perClass[train.labels()[i]] += fold[i] == 0 ? 1 : 0;
        }
        for (int c : perClass) {
            assertEquals(30, c);
        }
    }

    @Test
    void wrongSizesAreRefused() {
        SvmPipeline p = SvmPipeline.fit(new float[][] {{0, 1}, {1, 0}, {0, 2}, {2, 0}}, new int[] {0, 1, 0, 1},
                SvmPipeline.Settings.defaults(), null);
        assertEquals(0, p.predict(new float[] {0, 3}));
        assertThrows(IllegalArgumentException.class, () -> p.predict(new float[] {1, 2, 3}));
        ModelState empty = new ModelState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvmPipeline.importFrom(empty, "x."));
        assertTrue(e.getMessage().contains("x.kernel_map"), e.getMessage());
    }

    private static float[] scale(float[] px) {
        float[] v = new float[px.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = px[i] / 255f;
        }
        return v;
    }
}
