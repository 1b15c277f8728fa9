package org.convkit.cnn.nn;

import java.util.List;
import java.util.OptionalInt;

/**
 * The smallest image an architecture takes, found with the same shape inference that builds it
 * ({@link Builder}), so that no table of sizes can fall out of step with the layers.
 *
 * <p>Every layer of the vocabulary treats height and width alike and alone (square kernels, strides and
 * pads; flatten, fc and gap take any size), so an architecture takes a HxW image exactly when it takes
 * an SxS one with S = min(H, W): one side answers for both. An output side never shrinks when its input
 * grows, so the sides that build form a range starting at the minimum: doubling from 1 finds a side that
 * builds (the first one, where every layer is still small), and bisection below it finds the minimum.
 */
public final class MinimumInput {
    /** The largest side probed; an architecture that takes nothing up to here has no minimum worth naming. */
    static final int LARGEST_PROBED = 1 << 12;

    private MinimumInput() {}

    /**
     * The smallest side S such that {@code arch} (a preset or a spec) builds on {@code channels} x S x S
     * images; empty when no side up to {@value #LARGEST_PROBED} builds (the spec is wrong in another way).
     * {@code classes} expands a preset; a spec ignores it.
     *
     * @throws IllegalArgumentException when {@code arch} does not parse
     */
    public static OptionalInt side(String arch, int channels, int classes) {
        String spec = Architectures.isPreset(arch) ? Architectures.spec(arch, Math.max(1, classes)) : arch.trim();
        List<LayerSpec> layers = SpecParser.parse(spec);
        int tooSmall = 0, fits = 1;
        while (!builds(layers, channels, fits)) {
            tooSmall = fits;
            fits *= 2;
            if (fits > LARGEST_PROBED) {
                return OptionalInt.empty();
            }
        }
        while (fits - tooSmall > 1) {
            int mid = (tooSmall + fits) >>> 1;
            if (builds(layers, channels, mid)) {
                fits = mid;
            } else {
                tooSmall = mid;
            }
        }
        return OptionalInt.of(fits);
    }

    private static boolean builds(List<LayerSpec> layers, int channels, int side) {
        try {
            Builder.build(layers, new int[] {channels, side, side});
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
