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

    /** Summed in double, rounded once: a float sum would round twice and end one float away (0.49803925). */
    @Test
    void channelMeanIsTheMeanRoundedOnce() {
        FloatImage rgb = new FloatImage(
                new Plane(1, 1, new float[] {0.45882353f}),
                new Plane(1, 1, new float[] {0.101960786f}),
                new Plane(1, 1, new float[] {0.93333334f}));
        double exact = ((double) 0.45882353f + 0.101960786f + 0.93333334f) / 3;
        assertEquals(exact, rgb.channelMeanInDouble()[0]);
        assertEquals((float) exact, rgb.channelMean().data()[0]);
        assertEquals(0.49803922f, rgb.channelMean().data()[0]);
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
