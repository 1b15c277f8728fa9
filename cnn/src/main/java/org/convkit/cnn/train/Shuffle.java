package org.convkit.cnn.train;

import java.util.SplittableRandom;

/** Index arrays for training: the identity, and the seeded Fisher-Yates shuffle. */
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

    /** Fisher-Yates from the end: one {@code nextInt(i + 1)} for i = n-1 down to 1. */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
