package org.convkit.features.hog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.convkit.features.testing.TestData;
import org.convkit.filters.image.FloatImage;
import org.junit.jupiter.api.Test;

/** The multi-scale HOG is each part's {@link Hog} vector (itself checked against scikit-image), in order. */
class MultiScaleHogTest {

    private static HogParameters cell(int size) { return new HogParameters(9, size, size, 2, 2, BlockNorm.L1, true); }

    @Test
    void isTheConcatenationOfEachCellSizesHog() throws IOException {
        FloatImage image = TestData.png("camera-crop.png", 0, 0, 0, 0);
        List<HogParameters> parts = List.of(cell(3), cell(4), new HogParameters(9, 7, 5, 2, 2, BlockNorm.L1, true));
        MultiScaleHog multi = new MultiScaleHog(parts);
        float[] expected = new float[0];
        for (HogParameters p : parts) {
            float[] one = new Hog(p).extract(image);
            int at = expected.length;
            expected = Arrays.copyOf(expected, at + one.length);
            System.arraycopy(one, 0, expected, at, one.length);
        }
        assertEquals(expected.length, multi.length(image.width(), image.height(), 1));
        assertArrayEquals(expected, multi.extract(image)); // bit for bit
        assertEquals(parts, multi.parameters());
    }

    @Test
    void writesAtTheOffsetAndNowhereElse() throws IOException {
        FloatImage image = TestData.png("camera-crop.png", 0, 0, 28, 28);
        MultiScaleHog multi = new MultiScaleHog(List.of(cell(4), cell(7)));
        int n = multi.length(28, 28, 1);
        assertEquals(6 * 6 * 4 * 9 + 3 * 3 * 4 * 9, n);
        float[] out = new float[n + 10];
        Arrays.fill(out, -1f);
        multi.extract(image, out, 5);
        assertArrayEquals(multi.extract(image), Arrays.copyOfRange(out, 5, 5 + n));
        for (int i : new int[] {0, 1, 2, 3, 4, n + 5, n + 6, n + 7, n + 8, n + 9}) {
            assertEquals(-1f, out[i]);
        }
    }

    @Test
    void oneCellSizeIsPlainHogAndNoneIsRefused() throws IOException {
        FloatImage image = TestData.png("camera-crop.png", 0, 0, 0, 0);
        assertArrayEquals(new Hog(cell(4)).extract(image), new MultiScaleHog(List.of(cell(4))).extract(image));
        assertThrows(IllegalArgumentException.class, () -> new MultiScaleHog(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MultiScaleHog(List.of(cell(4), cell(40))).length(28, 28, 1));
    }
}
