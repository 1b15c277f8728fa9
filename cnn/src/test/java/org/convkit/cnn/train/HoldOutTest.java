package org.convkit.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldOutTest {
    @Test
    void splitsEveryIndexOnceSortedAndRepeatsPerSeed() {
        HoldOut h = HoldOut.draw(100, 0.25, 7);
        assertEquals(25, h.validation().length);
        assertEquals(75, h.train().length);
        int[] all = IntStream.concat(Arrays.stream(h.train()), Arrays.stream(h.validation())).sorted().toArray();
        assertArrayEquals(Shuffle.identity(100), all);
        assertTrue(IntStream.range(1, 25).allMatch(i -> h.validation()[i - 1] < h.validation()[i]));
        assertArrayEquals(h.validation(), HoldOut.draw(100, 0.25, 7).validation());
        assertTrue(!Arrays.equals(h.validation(), HoldOut.draw(100, 0.25, 8).validation()), "the seed decides");
        assertTrue(!Arrays.equals(h.validation(), Arrays.copyOf(Shuffle.identity(100), 25)), "drawn, not the first ones");
    }

    @Test
    void refusesASplitThatLeavesOneSideEmpty() {
        assertThrows(IllegalArgumentException.class, () -> HoldOut.draw(10, 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> HoldOut.draw(10, 0.99, 1));
    }
}
