package org.convkit.filters.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The draws of {@link Shuffle} pinned for fixed seeds: a seed must give the same permutation in every release. */
class ShuffleTest {
    @Test
    void fullShuffleGivesThePinnedPermutation() {
        int[] a = Shuffle.identity(10);
        Shuffle.shuffle(a, new SplittableRandom(42));
        assertArrayEquals(new int[] {3, 4, 7, 0, 8, 5, 9, 2, 6, 1}, a);
    }

    @Test
    void sampleFrontDrawsFromThePrefixOnlyAndLeavesTheRest() {
        int[] a = Shuffle.identity(10);
        Shuffle.sampleFront(a, 8, 4, new SplittableRandom(7));
        assertArrayEquals(new int[] {0, 2, 3, 4, 1, 5, 6, 7, 8, 9}, a);
        int[] sorted = a.clone();
        Arrays.sort(sorted, 0, 8);
        assertArrayEquals(Shuffle.identity(10), sorted, "a permutation of the prefix, the tail untouched");
        assertThrows(IllegalArgumentException.class, () -> Shuffle.sampleFront(a, 8, 9, new SplittableRandom(7)));
    }

    @Test
    void tinyArraysDrawNothing() {
        SplittableRandom rng = new SplittableRandom(1), untouched = new SplittableRandom(1);
        Shuffle.shuffle(new int[0], rng);
        Shuffle.shuffle(new int[1], rng);
        assertArrayEquals(new long[] {untouched.nextLong()}, new long[] {rng.nextLong()});
    }
}
