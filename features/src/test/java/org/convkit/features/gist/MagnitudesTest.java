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

    @ParameterizedTest(name = "{0} rows x {1} columns")
    @CsvSource({"0, 8", "1, 1", "5, 7", "64, 8", "64, 16", "63, 19", "3, 33"})
    void vectorColumnSumsEqualTheScalarSpecificationBitForBit(int rows, int width) {
        Random random = new Random(31L * rows + width);
        int stride = width + 3;
        float[] re = new float[5 + rows * stride];
        float[] im = new float[re.length];
        for (int i = 0; i < re.length; i++) {
            re[i] = (float) random.nextGaussian() * 10;
            im[i] = (float) random.nextGaussian() * 10;
        }
        float[] expected = new float[width];
        float[] actual = new float[width];
        Magnitudes.columnSumsScalar(re, im, 5, stride, rows, 0, width, expected);
        Magnitudes.columnSums(re, im, 5, stride, rows, width, actual);
        for (int j = 0; j < width; j++) {
            double exact = 0;
            for (int r = 0; r < rows; r++) {
                exact += Math.hypot(re[5 + r * stride + j], im[5 + r * stride + j]);
            }
            assertEquals(exact, expected[j], 1e-5 * (1 + exact), "column " + j);
            assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(actual[j]), "column " + j);
        }
    }
}
