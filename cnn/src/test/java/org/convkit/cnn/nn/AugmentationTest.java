package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static Tensor ramp() {
        Tensor t = new Tensor(64, 1, 3, 4);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, i % 12 + 1);
        }
        return t;
    }

    @Test
    void flipMirrorsAboutHalfTheImagesAndRepeatsPerStep() {
        Tensor x = ramp(), a = new Tensor(x.shape), b = new Tensor(x.shape);
        Augmentation flip = Augmentation.parse("flip", 0);
        flip.apply(x, a, 7, 3);
        flip.apply(x, b, 7, 3);
        assertArrayEquals(a.data, b.data, "same seed and step, same images");
        int mirrored = 0;
        for (int i = 0; i < 64; i++) {
            float first = a.get(i * 12);
            assertTrue(first == 1f || first == 4f);
            mirrored += first == 4f ? 1 : 0;
            if (first == 4f) {
                assertArrayEquals(new float[] {4, 3, 2, 1}, java.util.Arrays.copyOfRange(a.data, i * 12, i * 12 + 4));
            }
        }
        assertTrue(mirrored > 16 && mirrored < 48, "about half mirrored: " + mirrored);
        flip.apply(x, b, 7, 4);
        assertTrue(!java.util.Arrays.equals(a.data, b.data), "another step, other choices");
    }

    @Test
    void translateShiftsWithZeroFillAndKeepsMass() {
        Tensor x = ramp(), a = new Tensor(x.shape);
        Augmentation.parse("translate", 1).apply(x, a, 1, 0);
        boolean shifted = false;
        for (int i = 0; i < 64; i++) {
            float sum = 0;
            for (int j = 0; j < 12; j++) {
                float v = a.get(i * 12 + j);
                sum += v;
                assertTrue(v == 0f || (v >= 1 && v <= 12));
            }
            shifted |= sum != 78f;
        }
        assertTrue(shifted);
        assertTrue(Augmentation.parse("none", 2).isIdentity());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("rotate", 2));
        assertEquals(false, Augmentation.parse("crop", 2).isIdentity());
    }
}
