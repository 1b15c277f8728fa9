package org.convkit.features.gist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MagnitudesTest {
    @ParameterizedTest(name = "{0} values from {1}")
    @CsvSource({"0, 0", "1, 3", "7, 1", "8, 0", "9, 2", "64, 5", "85, 1", "256, 0"})
    void vectorSumMatchesTheScalarSpecification(int count, int from) {
        Random random = new Random(count);
        float[] a = new float[2 * from + 2 * count + 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian() * 10;
        }
        double expected = Magnitudes.sumScalar(a, 2 * from, count);
        double exact = 0;
        for (int k = 0; k < count; k++) {
            exact += Math.hypot(a[2 * from + 2 * k], a[2 * from + 2 * k + 1]);
        }
        assertEquals(exact, expected, 1e-6 * (1 + exact));
        assertEquals(expected, Magnitudes.sum(a, 2 * from, count), 1e-6 * (1 + expected));
    }
}
