package org.convkit.features.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.HogParameters;
import org.convkit.features.hog.HogWithIntensity;
import org.convkit.features.hog.MultiScaleHog;
import org.convkit.features.testing.TestData;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against scikit-image's block_reduce (testdata/features/intensity/make_intensity_refs.py). */
class PooledIntensityTest {

    @ParameterizedTest
    @CsvSource({"camera-crop,4", "camera-crop,7", "chelsea-crop,4", "chelsea-crop,7"})
    void matchesBlockReduceNormalised(String name, int cell) throws IOException {
        FloatImage image = TestData.png(name + ".png", 0, 0, 0, 0);
        float[] expected = TestData.f32(TestData.root().resolve("features/intensity/" + name + "-c" + cell + ".f32"));
        PooledIntensity p = new PooledIntensity(cell);
        assertEquals(expected.length, p.length(image.width(), image.height(), image.channelCount()));
        assertArrayEquals(expected, p.extract(image), 1e-7f);
    }

    @Test
    void aBlackImageStaysZeroAndATinyOneIsRefused() {
        assertArrayEquals(new float[4], new PooledIntensity(2).extract(new FloatImage(new Plane[] {new Plane(4, 4)})));
        assertThrows(IllegalArgumentException.class, () -> new PooledIntensity(5).length(4, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new PooledIntensity(0));
    }

    /** HOG's part untouched, the intensity part scaled to weight times HOG's sum. */
    @Test
    void hogWithIntensityWeighsThePartsBySum() throws IOException {
        FloatImage image = TestData.png("camera-crop.png", 0, 0, 28, 28);
        MultiScaleHog hog = new MultiScaleHog(List.of(new HogParameters(9, 4, 4, 2, 2, BlockNorm.L1, true),
                new HogParameters(9, 7, 7, 2, 2, BlockNorm.L1, true)));
        float[] h = hog.extract(image), p = new PooledIntensity(4).extract(image);
        float[] v = new HogWithIntensity(hog, new PooledIntensity(4), 0.5).extract(image);
        assertEquals(h.length + 49, v.length);
        double hogSum = 0, partSum = 0;
        for (int i = 0; i < h.length; i++) {
            assertEquals(h[i], v[i]);
            hogSum += h[i];
        }
        for (int i = 0; i < 49; i++) {
            partSum += v[h.length + i];
            assertEquals(p[i] * 0.5 * hogSum, v[h.length + i], 1e-5 * hogSum);
        }
        assertEquals(0.5 * hogSum, partSum, 1e-4 * hogSum);
        assertThrows(IllegalArgumentException.class, () -> new HogWithIntensity(hog, new PooledIntensity(4), 0));
    }
}
