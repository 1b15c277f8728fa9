package org.convkit.features.hog;

import java.util.Arrays;
import java.util.Locale;

/**
 * HOG block normalisations, with scikit-image's names and formulas ({@code eps = 1e-5}):
 * L1 {@code v / (|v|_1 + eps)}, L1-sqrt its square root, L2 {@code v / sqrt(|v|_2^2 + eps^2)},
 * L2-Hys (Lowe's SIFT rule) L2, clipped at 0.2, L2 again.
 */
public enum BlockNorm {
    L1("L1"), L1_SQRT("L1-sqrt"), L2("L2"), L2_HYS("L2-Hys");

    static final double EPS = 1e-5;

    private final String label;

    BlockNorm(String label) { this.label = label; }

    /** The name used on the command line and by scikit-image. */
    public String label() { return label; }

    /** Parses a scikit-image name, ignoring case and accepting '_' for '-'. */
    public static BlockNorm parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (BlockNorm b : values()) {
            if (b.label.toLowerCase(Locale.ROOT).equals(n)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown block norm '" + name + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(BlockNorm::label).toList()));
    }

    /**
     * Normalises {@code v[0, n)} (changed in place) into {@code out[o, o + n)} as float32, in double
     * precision as scikit-image computes it: the same sums in the same order and true divisions, so
     * that the float32 results are scikit-image's to the last bit.
     */
    void apply(double[] v, int n, float[] out, int o) {
        switch (this) {
            case L1, L1_SQRT -> {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += Math.abs(v[i]);
                }
                double d = sum + EPS;
                if (this == L1) {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = (float) (v[i] / d);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = (float) Math.sqrt(v[i] / d);
                    }
                }
            }
            case L2 -> {
                double d = l2(v, n);
                for (int i = 0; i < n; i++) {
                    out[o + i] = (float) (v[i] / d);
                }
            }
            case L2_HYS -> {
                double d = l2(v, n);
                for (int i = 0; i < n; i++) {
                    v[i] = Math.min(v[i] / d, 0.2);
                }
                double d2 = l2(v, n);
                for (int i = 0; i < n; i++) {
                    out[o + i] = (float) (v[i] / d2);
                }
            }
        }
    }

    /** {@code sqrt(sum v^2 + eps^2)}, scikit-image's L2 denominator. */
    private static double l2(double[] v, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i] * v[i];
        }
        return Math.sqrt(sum + EPS * EPS);
    }
}
