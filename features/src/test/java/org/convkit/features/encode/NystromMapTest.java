package org.convkit.features.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.convkit.features.testing.TestData;
import org.convkit.filters.vector.VectorOps;
import org.junit.jupiter.api.Test;

/** Against SciPy (testdata/features/nystrom/make_nystrom_refs.py): chi2-mapped HOG of 40 Fashion-MNIST images. */
class NystromMapTest {
    private static final int N = 40, M = 12;
    private static final double GAMMA = 2;

    private static float[][] rows(String name, int n) throws IOException {
        float[] flat = TestData.f32(Path.of(TestData.root().toString(), "features", "nystrom", name + ".f32"));
        int d = flat.length / n;
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return x;
    }

    private static NystromMap reference() throws IOException {
        return new NystromMap(Arrays.copyOf(rows("x", N), M), GAMMA);
    }

    /** Float distances through norms and a dot product: within 1e-5 of SciPy's double cdist. */
    @Test
    void kernelValuesMatchScipy() throws IOException {
        float[][] x = rows("x", N), expected = rows("kernel", N);
        NystromMap map = reference();
        float[][] k = map.kernelValues(x);
        for (int i = 0; i < N; i++) {
            float[] one = map.kernelValues(x[i]);
            for (int j = 0; j < M; j++) {
                assertEquals(expected[i][j], k[i][j], 1e-5, "(" + i + ", " + j + ")");
                assertEquals(expected[i][j], one[j], 1e-5, "one vector (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void featuresMatchScipysCholeskySolve() throws IOException {
        float[][] x = rows("x", N), expected = rows("z", N);
        float[][] z = reference().features(x);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                assertEquals(expected[i][j], z[i][j], 1e-4, "(" + i + ", " + j + ")");
            }
        }
    }

    /** Between landmarks the approximation is exact (up to the jitter): z(l_i) . z(l_j) = k(l_i, l_j). */
    @Test
    void exactOnTheLandmarks() throws IOException {
        float[][] x = rows("x", N);
        NystromMap map = reference();
        float[][] z = map.features(Arrays.copyOf(x, M));
        float[][] k = map.kernelValues(Arrays.copyOf(x, M));
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                assertEquals(k[i][j], VectorOps.dotScalar(z[i], 0, z[j], 0, M), 1e-4);
            }
        }
    }

    /** Unit features: the reference-checked features scaled to length 1; a saved factor gives the same. */
    @Test
    void unitFeaturesAreTheFeaturesAtUnitLength() throws IOException {
        float[][] x = rows("x", N);
        NystromMap map = reference();
        float[][] z = map.features(x), u = map.unitFeatures(x);
        float[][] fromSaved = new NystromMap(Arrays.copyOf(x, M), GAMMA, map.inverseFactor()).unitFeatures(x);
        float[][] withRoom = map.unitFeatures(Arrays.stream(x).map(r -> { // values after the landmarks' length are not read
            float[] longer = Arrays.copyOf(r, r.length + 5);
            Arrays.fill(longer, r.length, longer.length, 9f);
            return longer;
        }).toArray(float[][]::new));
        for (int i = 0; i < N; i++) {
            double norm = Math.sqrt(VectorOps.dotScalar(z[i], 0, z[i], 0, M));
            assertEquals(1, VectorOps.dotScalar(u[i], 0, u[i], 0, M), 1e-5, "row " + i);
            for (int j = 0; j < M; j++) {
                assertEquals(z[i][j] / norm, u[i][j], 1e-6, "(" + i + ", " + j + ")");
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(u[i], fromSaved[i]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(u[i], withRoom[i]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(u[i], map.unitFeatures(x[i]), 1e-5f, "one vector, row " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> new NystromMap(Arrays.copyOf(x, M), GAMMA, new float[M - 1][M]));
    }

    /** A duplicated landmark makes the kernel matrix singular: the jitter keeps the factor defined. */
    @Test
    void duplicateLandmarksStillFactor() throws IOException {
        float[][] x = rows("x", N);
        float[][] landmarks = {x[0], x[1], x[0]};
        float[][] z = new NystromMap(landmarks, GAMMA).features(new float[][] {x[5]});
        for (float v : z[0]) {
            assertEquals(false, Float.isNaN(v));
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new NystromMap(new float[0][], 1));
        assertThrows(IllegalArgumentException.class, () -> new NystromMap(new float[][] {{1}}, 0));
    }
}
