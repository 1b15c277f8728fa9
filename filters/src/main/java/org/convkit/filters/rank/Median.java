package org.convkit.filters.rank;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;
import org.convkit.filters.parallel.Parallel;

/**
 * Median over a square {@code size x size} window anchored at {@code size / 2}: the sample of rank
 * {@code size * size / 2} (0-based, so the upper median for even sizes, as
 * {@code scipy.ndimage.median_filter}; {@code cv2.medianBlur} allows odd sizes only and agrees).
 * 3x3 runs as a vector selection network (sort each column's three samples, then the median is
 * {@code med3(max of lows, med3 of middles, min of highs)}); other sizes select per pixel.
 */
public final class Median {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    private Median() {}

    public static Plane median(Plane src, Border border, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + size);
        }
        if (size == 1) {
            return src.copy();
        }
        int a = size / 2;
        Padded p = new Padded(src, border, a, size - 1 - a);
        Plane out = new Plane(src.width(), src.height());
        int bandRows = Math.max(1, (1 << 14) / src.width());
        if (size == 3) {
            Parallel.forRange(src.height(), bandRows, (from, to) -> median3(p, out, from, to));
        } else {
            Parallel.forRange(src.height(), bandRows, (from, to) -> select(p, out, size, from, to));
        }
        return out;
    }

    private static void median3(Padded p, Plane out, int from, int to) {
        int w = out.width();
        int s = p.stride;
        float[] in = p.data;
        float[] dst = out.data();
        float[] lo = new float[s];
        float[] mid = new float[s];
        float[] hi = new float[s];
        for (int y = from; y < to; y++) {
            int r0 = y * s;
            int x = 0;
            for (; x <= s - L; x += L) {
                FloatVector a = FloatVector.fromArray(SPECIES, in, r0 + x);
                FloatVector b = FloatVector.fromArray(SPECIES, in, r0 + s + x);
                FloatVector c = FloatVector.fromArray(SPECIES, in, r0 + 2 * s + x);
                FloatVector l = a.min(b);
                FloatVector u = a.max(b);
                FloatVector m = u.min(c);
                u = u.max(c);
                FloatVector l2 = l.min(m);
                m = l.max(m);
                l2.intoArray(lo, x);
                m.intoArray(mid, x);
                u.intoArray(hi, x);
            }
            for (; x < s; x++) {
                float a = in[r0 + x], b = in[r0 + s + x], c = in[r0 + 2 * s + x];
                lo[x] = Math.min(Math.min(a, b), c);
                hi[x] = Math.max(Math.max(a, b), c);
                mid[x] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            }
            int d = y * w;
            x = 0;
            for (; x <= w - L; x += L) {
                FloatVector maxLo = FloatVector.fromArray(SPECIES, lo, x).max(FloatVector.fromArray(SPECIES, lo, x + 1))
                        .max(FloatVector.fromArray(SPECIES, lo, x + 2));
                FloatVector minHi = FloatVector.fromArray(SPECIES, hi, x).min(FloatVector.fromArray(SPECIES, hi, x + 1))
                        .min(FloatVector.fromArray(SPECIES, hi, x + 2));
                FloatVector m0 = FloatVector.fromArray(SPECIES, mid, x);
                FloatVector m1 = FloatVector.fromArray(SPECIES, mid, x + 1);
                FloatVector m2 = FloatVector.fromArray(SPECIES, mid, x + 2);
                FloatVector medMid = m0.min(m1).max(m0.max(m1).min(m2));
                medianOf3(maxLo, medMid, minHi).intoArray(dst, d + x);
            }
            for (; x < w; x++) {
                float maxLo = Math.max(Math.max(lo[x], lo[x + 1]), lo[x + 2]);
                float minHi = Math.min(Math.min(hi[x], hi[x + 1]), hi[x + 2]);
                float medMid = med3(mid[x], mid[x + 1], mid[x + 2]);
                dst[d + x] = med3(maxLo, medMid, minHi);
            }
        }
    }

    private static FloatVector medianOf3(FloatVector a, FloatVector b, FloatVector c) {
        return a.min(b).max(a.max(b).min(c));
    }

    private static float med3(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void select(Padded p, Plane out, int size, int from, int to) {
        int w = out.width();
        int s = p.stride;
        float[] in = p.data;
        float[] dst = out.data();
        float[] window = new float[size * size];
        int k = size * size / 2;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < w; x++) {
                int n = 0;
                for (int j = 0; j < size; j++) {
                    System.arraycopy(in, (y + j) * s + x, window, n, size);
                    n += size;
                }
                dst[y * w + x] = nth(window, k);
            }
        }
    }

    /** The k-th smallest of {@code v} (Hoare's selection; reorders {@code v}). */
    static float nth(float[] v, int k) {
        int lo = 0;
        int hi = v.length - 1;
        while (lo < hi) {
            float pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }
}
