package org.convkit.features.gist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockTransposeTest {
    @ParameterizedTest(name = "{0} x {1} of rows {2} apart")
    @CsvSource({"8, 8, 8", "5, 8, 8", "8, 3, 8", "4, 4, 4", "16, 16, 16", "7, 9, 16"})
    void transposesLikeTheSpecification(int rows, int cols, int w) {
        Random random = new Random(rows * 31L + cols);
        float[] src = new float[3 + rows * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = random.nextFloat();
        }
        float[] expected = new float[5 + cols * w];
        float[] actual = new float[expected.length];
        BlockTranspose.scalar(src, 3, rows, cols, w, expected, 5);
        BlockTranspose.transpose(src, 3, rows, cols, w, actual, 5);
        assertArrayEquals(expected, actual);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(src[3 + r * w + c], expected[5 + c * w + r]);
            }
        }
    }
}
