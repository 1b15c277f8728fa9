package org.convkit.filters.rank;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;
import org.convkit.filters.parallel.Parallel;

/**
 * Minimum (erosion) and maximum (dilation) over a square {@code size x size} window anchored at
 * {@code size / 2}, as {@code cv2.erode/dilate} with a full rectangular kernel and
 * {@code scipy.ndimage.minimum/maximum_filter}. A square extremum is separable: a horizontal pass over
 * the border-padded rows, then a vertical pass, both as vector min/max over shifted runs.
 */
public final class MinMax {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    private MinMax() {}

    public static Plane min(Plane src, Border border, int size) { return extremum(src, border, size, true); }

    public static Plane max(Plane src, Border border, int size) { return extremum(src, border, size, false); }

    private static Plane extremum(Plane src, Border border, int size, boolean min) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + size);
        }
        int w = src.width();
        int h = src.height();
        int a = size / 2;
        Padded p = new Padded(src, border, a, size - 1 - a);
        // Horizontal pass over every padded row: rows[r * w + x] = ext_i p(r, x + i).
        float[] rows = new float[p.rows * w];
        Parallel.forRange(p.rows, Math.max(1, (1 << 15) / w), (from, to) -> {
            for (int r = from; r < to; r++) {
                run(p.data, r * p.stride, 1, size, rows, r * w, w, min);
            }
        });
        Plane out = new Plane(w, h);
        float[] dst = out.data();
        Parallel.forRange(h, Math.max(1, (1 << 15) / w), (from, to) -> {
            for (int y = from; y < to; y++) {
                run(rows, y * w, w, size, dst, y * w, w, min);
            }
        });
        return out;
    }

    /** {@code dst[d + x] = ext_{t < taps} src[s + t * step + x]} for {@code x < n}. */
    private static void run(float[] src, int s, int step, int taps, float[] dst, int d, int n, boolean min) {
        VectorOperators.Binary op = min ? VectorOperators.MIN : VectorOperators.MAX;
        int x = 0;
        for (; x <= n - L; x += L) {
            FloatVector acc = FloatVector.fromArray(SPECIES, src, s + x);
            for (int t = 1; t < taps; t++) {
                acc = acc.lanewise(op, FloatVector.fromArray(SPECIES, src, s + t * step + x));
            }
            acc.intoArray(dst, d + x);
        }
        for (; x < n; x++) {
            float acc = src[s + x];
            for (int t = 1; t < taps; t++) {
                float v = src[s + t * step + x];
                acc = min ? Math.min(acc, v) : Math.max(acc, v);
            }
            dst[d + x] = acc;
        }
    }
}
