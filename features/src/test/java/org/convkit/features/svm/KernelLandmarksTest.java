package org.convkit.features.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.convkit.features.encode.NystromMap;
import org.convkit.features.state.ModelState;
import org.junit.jupiter.api.Test;

/** {@link SvmPipeline} with Gaussian-kernel landmarks (unit Nyström features; format-2 models' raw kernel values). */
class KernelLandmarksTest {
    private static final LinearSvm.Options DENSE = LinearSvm.Options.defaults().withSolver(LinearSvm.Solver.DENSE).withC(10);

    /** Two rings around the origin: no line separates them, a Gaussian kernel does. */
    private static float[][] rings(Random r, int n, int[] y) {
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double radius = y[i] == 0 ? r.nextDouble() : 1.5 + r.nextDouble(), angle = 2 * Math.PI * r.nextDouble();
            x[i] = new float[] {(float) (radius * Math.cos(angle)), (float) (radius * Math.sin(angle))};
        }
        return x;
    }

    private static double accuracy(SvmPipeline p, float[][] x, int[] y) {
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            right += p.predict(x[i]) == y[i] ? 1 : 0;
        }
        return (double) right / x.length;
    }

    @Test
    void landmarksSeparateWhatALineCannot() {
        Random r = new Random(7);
        int[] y = new int[400], yt = new int[400];
        float[][] x = rings(r, 400, y), xt = rings(r, 400, yt);
        SvmPipeline.Settings linear = SvmPipeline.Settings.defaults().withScaling(FeatureScaling.Mode.NONE).withSvm(DENSE).withC(10);
        double flat = accuracy(SvmPipeline.fit(x, y, linear, null), xt, yt);
        double kernel = accuracy(SvmPipeline.fit(x, y, linear.withLandmarks(new SvmPipeline.Landmarks(40, 1)), null), xt, yt);
        assertTrue(flat < 0.75, "a line on two rings: " + flat);
        assertTrue(kernel > 0.97, "Gaussian landmarks on two rings: " + kernel);
    }

    private static float[][] threeClassRings(int[] y) {
        float[][] x = rings(new Random(11), y.length, y);
        for (int i = 0; i < x.length; i++) {
            y[i] = (int) Math.min(2, Math.floor(Math.hypot(x[i][0], x[i][1]) * 1.2));
        }
        return x;
    }

    /** The pipeline scores as the SVM trained on the vectors followed by their unit Nyström features, and round-trips. */
    @Test
    void pipelineScoresAsTheSvmOnUnitNystromFeaturesAndRoundTrips() {
        int[] y = new int[300];
        float[][] x = threeClassRings(y);
        SvmPipeline.Settings s = SvmPipeline.Settings.defaults().withScaling(FeatureScaling.Mode.NONE).withSvm(DENSE).withC(10)
                .withLandmarks(new SvmPipeline.Landmarks(25, 0.5));
        SvmPipeline p = SvmPipeline.fit(x, y, s, null);
        assertEquals(2 + 25, p.svm().dimension());

        int[] chosen = SvmPipeline.drawLandmarks(x.length, 25, null, s.seed());
        NystromMap map = new NystromMap(Arrays.stream(chosen).mapToObj(i -> x[i]).toArray(float[][]::new), 0.5);
        float[][] z = map.features(x);
        float[][] explicit = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            explicit[i] = Arrays.copyOf(x[i], 27);
            double norm = Math.sqrt(Arrays.stream(toDoubles(z[i])).map(v -> v * v).sum());
            for (int j = 0; j < 25; j++) {
                explicit[i][2 + j] = (float) (z[i][j] / norm);
            }
        }
        LinearSvm direct = LinearSvm.fit(explicit, y, DENSE);
        float[][] all = p.scoresAll(x);
        for (int i = 0; i < 100; i++) {
            float[] a = p.scores(x[i]), b = direct.scores(explicit[i]);
            for (int k = 0; k < a.length; k++) {
                assertEquals(b[k], a[k], 1e-3 * (1 + Math.abs(b[k])), "vector " + i + ", class " + k);
                assertEquals(a[k], all[i][k], 1e-4 * (1 + Math.abs(a[k])), "scoresAll, vector " + i + ", class " + k);
            }
        }

        ModelState st = new ModelState();
        p.exportTo(st, "m.");
        assertEquals(25 * 26 / 2, st.array("m.landmarks.inverse_factor").data().length);
        SvmPipeline back = SvmPipeline.importFrom(st, "m.");
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(p.scores(x[i]), back.scores(x[i]));
        }
    }

    /** A format-2 model (no unit features entry) weighs the raw kernel values, as it was trained to. */
    @Test
    void modelsWithoutUnitFeaturesWeighTheRawKernelValues() {
        int[] y = new int[300];
        float[][] x = threeClassRings(y);
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withScaling(FeatureScaling.Mode.NONE).withSvm(DENSE)
                .withC(10).withLandmarks(new SvmPipeline.Landmarks(25, 0.5)), null);
        ModelState st = new ModelState();
        p.exportTo(st, "m.");
        ModelState old = new ModelState();
        st.strings().forEach((k, v) -> {
            if (!k.equals("m.landmarks.features")) {
                old.putString(k, v);
            }
        });
        st.arrays().forEach((k, a) -> {
            if (!k.equals("m.landmarks.inverse_factor")) {
                old.putArray(k, a.data(), a.shape());
            }
        });
        SvmPipeline legacy = SvmPipeline.importFrom(old, "m.");
        int[] chosen = SvmPipeline.drawLandmarks(x.length, 25, null, 1);
        NystromMap map = new NystromMap(Arrays.stream(chosen).mapToObj(i -> x[i]).toArray(float[][]::new), 0.5);
        float[][] k = map.kernelValues(x);
        for (int i = 0; i < 50; i++) {
            float[] raw = Arrays.copyOf(x[i], 27);
            System.arraycopy(k[i], 0, raw, 2, 25);
            assertArrayEquals(p.svm().scores(raw), legacy.scores(x[i]), 1e-5f);
            assertTrue(!Arrays.equals(p.scores(x[i]), legacy.scores(x[i])));
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Choosing C on a held-out part works on the rows made with room for the landmark part. */
    @Test
    void aGridOfCIsScoredOnHeldOutRowsWithTheirLandmarkPart() {
        Random r = new Random(5);
        int[] y = new int[400], yt = new int[400];
        float[][] x = rings(r, 400, y), xt = rings(r, 400, yt);
        SvmPipeline p = SvmPipeline.fit(x, y, SvmPipeline.Settings.defaults().withScaling(FeatureScaling.Mode.NONE).withSvm(DENSE)
                .withLandmarks(new SvmPipeline.Landmarks(40, 1)).withC(0.1, 10).withValidation(0.2), null);
        assertEquals(List.of(0.1, 10.0), p.cSearch().scores().stream().map(CSearch.Score::c).toList());
        assertTrue(p.cSearch().scores().stream().allMatch(a -> a.accuracy() > 0.9), p.cSearch().scores().toString());
        assertTrue(accuracy(p, xt, yt) > 0.97, "Gaussian landmarks on two rings, C chosen held out: " + accuracy(p, xt, yt));
    }

    @Test
    void landmarksAreDistinctSeededAndNeverHeldOut() {
        boolean[] held = new boolean[100];
        for (int i = 0; i < 100; i += 3) {
            held[i] = true;
        }
        int[] a = SvmPipeline.drawLandmarks(100, 20, held, 5), b = SvmPipeline.drawLandmarks(100, 20, held, 5);
        assertArrayEquals(a, b);
        assertEquals(20, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).noneMatch(i -> held[i]));
        assertEquals(66, SvmPipeline.drawLandmarks(100, 1000, held, 5).length);
    }

    @Test
    void standardisedScalingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvmPipeline.Settings.defaults()
                .withLandmarks(new SvmPipeline.Landmarks(10, 1)));
        assertTrue(e.getMessage().contains("standardize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SvmPipeline.Landmarks(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SvmPipeline.Landmarks(5, 0));
    }
}
