package org.convkit.filters.border;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convkit.filters.image.Plane;
import org.junit.jupiter.api.Test;

/** The 1-D pictures of BorderMode's Javadoc, checked index by index, also far outside (periodic rules). */
class BorderModeTest {
    /** Indices for i = -7 .. 10 over a row of n = 4 ("abcd"). */
    private static int[] indices(BorderMode mode, int n) {
        int[] out = new int[18];
        for (int i = -7; i <= 10; i++) {
            out[i + 7] = mode.index(i, n);
        }
        return out;
    }

    @Test
    void constantModesAnswerMinusOneOutside() {
        for (BorderMode m : new BorderMode[] {BorderMode.ZERO, BorderMode.CONSTANT}) {
            assertArrayEquals(new int[] {-1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, -1, -1, -1, -1, -1, -1, -1}, indices(m, 4));
        }
    }

    @Test
    void replicateRepeatsTheEdge() {
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3}, indices(BorderMode.REPLICATE, 4));
    }

    @Test
    void reflectRepeatsTheEdgeSample() {
        // dcba|abcd|dcba, period 2n (as numpy.pad mode="symmetric")
        assertArrayEquals(new int[] {1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2}, indices(BorderMode.REFLECT, 4));
    }

    @Test
    void reflect101SkipsTheEdgeSample() {
        // dcb|abcd|cba, period 2n-2 = 6 (as numpy.pad mode="reflect")
        assertArrayEquals(new int[] {1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2}, indices(BorderMode.REFLECT_101, 4));
        assertEquals(0, BorderMode.REFLECT_101.index(-5, 1));
        assertEquals(0, BorderMode.REFLECT.index(7, 1));
    }

    @Test
    void wrapIsPeriodic() {
        assertArrayEquals(new int[] {1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2}, indices(BorderMode.WRAP, 4));
    }

    @Test
    void sampleUsesTheConstantOutsideOnly() {
        Plane p = new Plane(2, 2, new float[] {1, 2, 3, 4});
        Border c = Border.constant(9);
        assertEquals(9, c.sample(p, -1, 0));
        assertEquals(9, c.sample(p, 0, 2));
        assertEquals(4, c.sample(p, 1, 1));
        assertEquals(0, new Border(BorderMode.ZERO, 5).sample(p, 5, 5), "zero ignores a constant");
        assertEquals(3, Border.REFLECT_101.sample(p, 0, -1));
        assertEquals(2, Border.WRAP.sample(p, -1, 0));
    }
}
