package org.convkit.cnn.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A training set split into the samples trained on and those held out for validation, each in ascending order. */
public record HoldOut(int[] train, int[] validation) {
    /**
     * Holds out {@code round(fraction * n)} of {@code n} samples, drawn by a shuffle seeded from {@code seed};
     * IllegalArgumentException when that leaves no validation or no training sample.
     */
    public static HoldOut draw(int n, double fraction, long seed) {
        int nVal = (int) Math.round(fraction * n);
        if (nVal < 1 || nVal >= n) {
            throw new IllegalArgumentException(fraction + " of " + n + " images leaves no validation or no training image");
        }
        int[] order = Shuffle.identity(n);
        Shuffle.shuffle(order, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] val = Arrays.copyOfRange(order, 0, nVal), train = Arrays.copyOfRange(order, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new HoldOut(train, val);
    }
}
