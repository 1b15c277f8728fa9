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

    /** Normalises {@code v[from, from + n)} in place, in double precision as scikit-image does. */
    void apply(double[] v, int from, int n) {
        int to = from + n;
        switch (this) {
            case L1, L1_SQRT -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += Math.abs(v[i]);
                }
                double d = sum + EPS;
                for (int i = from; i < to; i++) {
                    v[i] = this == L1 ? v[i] / d : Math.sqrt(v[i] / d);
                }
            }
            case L2 -> scaleL2(v, from, to);
            case L2_HYS -> {
                scaleL2(v, from, to);
                for (int i = from; i < to; i++) {
                    v[i] = Math.min(v[i], 0.2);
                }
                scaleL2(v, from, to);
            }
        }
    }

    private static void scaleL2(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i] * v[i];
        }
        double d = Math.sqrt(sum + EPS * EPS);
        for (int i = from; i < to; i++) {
            v[i] /= d;
        }
    }
}
