package org.convkit.filters.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FloatImageTest {

    @Test
    void channelMeanAveragesEachPixelOverTheChannels() {
        FloatImage rgb = new FloatImage(
                new Plane(2, 1, new float[] {0f, 30f}),
                new Plane(2, 1, new float[] {3f, 60f}),
                new Plane(2, 1, new float[] {6f, 255f}));
        Plane gray = rgb.channelMean();
        assertEquals(2, gray.width());
        assertEquals(1, gray.height());
        assertArrayEquals(new float[] {3f, 115f}, gray.data());
    }

    @Test
    void channelMeanOfOneChannelIsACopy() {
        Plane p = new Plane(2, 2, new float[] {1f, 2f, 3f, 4f});
        Plane gray = new FloatImage(p).channelMean();
        assertArrayEquals(p.data(), gray.data());
        gray.data()[0] = 9f;
        assertEquals(1f, p.data()[0]);
    }

    @Test
    void channelsMustHaveOneSize() {
        assertThrows(IllegalArgumentException.class,
                () -> new FloatImage(new Plane(2, 2, new float[4]), new Plane(1, 2, new float[2])));
    }
}
