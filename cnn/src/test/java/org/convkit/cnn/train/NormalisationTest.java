package org.convkit.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalisationTest {
    /** Three 2x1x2 samples: channel 0 holds 0..5, channel 1 is 7 everywhere. */
    private static Samples samples() {
        float[] x = {0, 1, 7, 7, 2, 3, 7, 7, 4, 5, 7, 7};
        return new Samples(new int[] {2, 1, 2}, x, new int[] {0, 1, 0});
    }

    @Test
    void statisticsOfTheChosenSamplesPerChannel() {
        Normalisation n = Normalisation.of(samples(), new int[] {0, 2});
        assertEquals(2.5f, n.mean()[0]);
        assertEquals((float) Math.sqrt((6.25 + 2.25 + 2.25 + 6.25) / 4), n.std()[0]);
        assertEquals(7f, n.mean()[1]);
        assertEquals(1e-6f, n.std()[1], "a constant channel divides by 1e-6, not 0");
    }

    @Test
    void normalisesInPlaceAndBlackIsTheNormalisedZero() {
        Samples s = samples();
        Normalisation n = new Normalisation(new float[] {1, 7}, new float[] {2, 0.5f});
        s.normalise(n);
        assertArrayEquals(new float[] {-0.5f, 0, 0, 0, 0.5f, 1, 0, 0, 1.5f, 2, 0, 0}, s.x);
        assertArrayEquals(new float[] {-0.5f, -14}, n.black());
    }

    @Test
    void gathersSamplesInTheGivenOrder() {
        Samples s = samples();
        float[] into = new float[8];
        int[] labels = new int[2];
        Tensor t = s.gather(new int[] {2, 0, 1}, 1, 3, into, labels);
        assertArrayEquals(new int[] {2, 2, 1, 2}, t.shape);
        assertArrayEquals(new float[] {0, 1, 7, 7, 2, 3, 7, 7}, into);
        assertArrayEquals(new int[] {0, 1}, labels);
        assertThrows(IllegalArgumentException.class, () -> new Samples(new int[] {2, 1, 2}, new float[5], new int[] {0}));
    }
}
