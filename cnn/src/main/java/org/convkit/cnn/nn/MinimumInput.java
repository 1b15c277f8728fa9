package org.convkit.cnn.nn;

import java.util.List;
import java.util.Map;
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
 *
 * <p>Each probe builds the layers, and a layer after {@code flatten} grows with the side: a spec that
 * fails for another reason than size would otherwise make the last probes allocate gigabytes. A probe
 * whose layer plans more than {@value #PROBE_VALUES} values stops the search with no answer; the sides
 * below a side that built plan less than it did, so bisection never meets that bound.
 */
public final class MinimumInput {
    /** The largest side probed; an architecture that takes nothing up to here has no minimum worth naming. */
    static final int LARGEST_PROBED = 1 << 12;
    /** The most values one state entry of a probe may plan (64 MB of floats). */
    static final long PROBE_VALUES = 1L << 24;

    private MinimumInput() {}

    /**
     * The smallest side S such that {@code arch} (a preset or a spec) builds on {@code channels} x S x S
     * images; empty when no side up to {@value #LARGEST_PROBED} builds, or none builds before a layer would
     * plan more than {@value #PROBE_VALUES} values (the spec is then wrong in another way).
     * {@code classes} expands a preset; a spec ignores it.
     *
     * @throws IllegalArgumentException when {@code arch} does not parse
     */
    public static OptionalInt side(String arch, int channels, int classes) {
        String spec = Architectures.isPreset(arch) ? Architectures.spec(arch, Math.max(1, classes)) : arch.trim();
        List<LayerSpec> layers = SpecParser.parse(spec);
        int tooSmall = 0, fits = 1;
        try {
            while (!builds(layers, channels, fits)) {
                tooSmall = fits;
                fits *= 2;
                if (fits > LARGEST_PROBED) {
                    return OptionalInt.empty();
                }
            }
        } catch (TooLarge e) {
            return OptionalInt.empty();
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

    /** Whether the layers build on {@code side}; {@link TooLarge} when a layer would plan more than a probe may take. */
    private static boolean builds(List<LayerSpec> layers, int channels, int side) {
        try {
            Builder.build(layers, new int[] {channels, side, side}, MinimumInput::bounded);
            return true;
        } catch (IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TooLarge tooLarge) {
                    throw tooLarge;
                }
            }
            return false;
        }
    }

    private static void bounded(Map<String, int[]> entries) {
        for (int[] shape : entries.values()) {
            if (StatePlan.elements(shape) > PROBE_VALUES) {
                throw new TooLarge();
            }
        }
    }

    /** A probe stopped before allocating more than {@link #PROBE_VALUES} values for one entry. */
    private static final class TooLarge extends IllegalArgumentException {
        TooLarge() { super("a probe's layer plans more than " + PROBE_VALUES + " values"); }
    }
}
