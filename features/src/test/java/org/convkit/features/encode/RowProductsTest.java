package org.convkit.features.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowProductsTest {

    private static float[][] random(Random r, int rows, int cols) {
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int k = 0; k < cols; k++) {
                row[k] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    /** Shapes around every blocking edge: row groups, panel width, the k block, one thread's share. */
    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,7", "4,32,256", "5,33,257", "97,65,300", "200,70,600", "13,1,1000"})
    void vectorPathMatchesTheTripleLoop(int n, int m, int d) {
        Random r = new Random(n * 1000L + m * 10L + d);
        float[][] a = random(r, n, d), b = random(r, m, d);
        float[][] fast = RowProducts.products(a, b), slow = RowProducts.productsScalar(a, b);
        for (int i = 0; i < n; i++) {
            assertEquals(m, fast[i].length);
            for (int j = 0; j < m; j++) {
                // float accumulation in another order: the error grows like sqrt(d) ulps of |a||b|
                double scale = Math.sqrt(d) * 1e-6 * Math.sqrt(d);
                assertEquals(slow[i][j], fast[i][j], scale, "(" + i + ", " + j + ")");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void refusesRowsOfDifferentLengths() {
        assertThrows(IllegalArgumentException.class, () -> RowProducts.products(new float[][] {{1, 2}}, new float[][] {{1, 2, 3}}));
    }
}
