package org.convkit.filters.random;

import java.util.random.RandomGenerator;

/**
 * Seeded permutations of index arrays: the one Fisher-Yates shuffle of convkit's training loops, hold-out
 * splits and samples. The draws are part of the contract: for the same generator state, the same
 * {@code nextInt} calls in the same order, so that a seed gives the same model in every release.
 */
public final class Shuffle {
    private Shuffle() {}

    /** {@code 0, 1, ..., n-1}. */
    public static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates from the end: one {@code nextInt(i + 1)} for i = n-1 down to 1, swapping a[i] and a[j]. */
    public static void shuffle(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            swap(a, i, rng.nextInt(i + 1));
        }
    }

    /**
     * Partial Fisher-Yates from the front: puts a uniform random sample of {@code take} of {@code a[0, n)}
     * into {@code a[0, take)}, with one {@code nextInt(n - i)} for i = 0 to take-1 ({@code take} at most n).
     */
    public static void sampleFront(int[] a, int n, int take, RandomGenerator rng) {
        if (take > n || n > a.length) {
            throw new IllegalArgumentException("cannot take " + take + " of the first " + n + " of " + a.length);
        }
        for (int i = 0; i < take; i++) {
            swap(a, i, i + rng.nextInt(n - i));
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
