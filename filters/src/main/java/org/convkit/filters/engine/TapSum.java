package org.convkit.filters.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one inner loop of every linear filter here: a weighted sum of shifted runs of one array,
 * <pre>
 *   dst[dstBase + x] = bias + sum_t weights[t] * src[offsets[t] + x]     for x in [from, to)
 * </pre>
 * A 2-D correlation is this with one tap per kernel weight and {@code offsets} pointing at the image
 * rows; a vertical 1-D pass has one tap per row, a horizontal one one tap per column of a padded row.
 * {@link #vector} is the fast path, {@link #scalar} its specification.
 */
public final class TapSum {
    /**
     * At most 256 bits: on the AVX-512 machine of bench/RESULTS.md 256-bit vectors ran these loops
     * faster than 512-bit ones (two 256-bit fma ports against one 512-bit one, and half as many
     * cache-line-split loads); machines without AVX-512 prefer 256 bits anyway.
     */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    private TapSum() {}

    /** The specification: plain loops, one multiply-add at a time. */
    public static void scalar(float[] src, int[] offsets, float[] weights, int taps, float bias,
                              float[] dst, int dstBase, int from, int to) {
        for (int x = from; x < to; x++) {
            float acc = bias;
            for (int t = 0; t < taps; t++) {
                acc += weights[t] * src[offsets[t] + x];
            }
            dst[dstBase + x] = acc;
        }
    }

    /**
     * The Vector API path: eight vectors of outputs at a time (eight independent fma chains hide the
     * fma latency and share each broadcast weight), then single vectors, then one masked vector for the tail.
     */
    public static void vector(float[] src, int[] offsets, float[] weights, int taps, float bias,
                              float[] dst, int dstBase, int from, int to) {
        FloatVector b = FloatVector.broadcast(SPECIES, bias);
        int x = from;
        for (; x <= to - 8 * L; x += 8 * L) {
            FloatVector a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b;
            for (int t = 0; t < taps; t++) {
                FloatVector w = FloatVector.broadcast(SPECIES, weights[t]);
                int o = offsets[t] + x;
                a0 = FloatVector.fromArray(SPECIES, src, o).fma(w, a0);
                a1 = FloatVector.fromArray(SPECIES, src, o + L).fma(w, a1);
                a2 = FloatVector.fromArray(SPECIES, src, o + 2 * L).fma(w, a2);
                a3 = FloatVector.fromArray(SPECIES, src, o + 3 * L).fma(w, a3);
                a4 = FloatVector.fromArray(SPECIES, src, o + 4 * L).fma(w, a4);
                a5 = FloatVector.fromArray(SPECIES, src, o + 5 * L).fma(w, a5);
                a6 = FloatVector.fromArray(SPECIES, src, o + 6 * L).fma(w, a6);
                a7 = FloatVector.fromArray(SPECIES, src, o + 7 * L).fma(w, a7);
            }
            int d = dstBase + x;
            a0.intoArray(dst, d);
            a1.intoArray(dst, d + L);
            a2.intoArray(dst, d + 2 * L);
            a3.intoArray(dst, d + 3 * L);
            a4.intoArray(dst, d + 4 * L);
            a5.intoArray(dst, d + 5 * L);
            a6.intoArray(dst, d + 6 * L);
            a7.intoArray(dst, d + 7 * L);
        }
        for (; x <= to - L; x += L) {
            FloatVector a = b;
            for (int t = 0; t < taps; t++) {
                a = FloatVector.fromArray(SPECIES, src, offsets[t] + x).fma(FloatVector.broadcast(SPECIES, weights[t]), a);
            }
            a.intoArray(dst, dstBase + x);
        }
        if (x < to) {
            VectorMask<Float> m = SPECIES.indexInRange(x, to);
            FloatVector a = b;
            for (int t = 0; t < taps; t++) {
                a = FloatVector.fromArray(SPECIES, src, offsets[t] + x, m).fma(FloatVector.broadcast(SPECIES, weights[t]), a);
            }
            a.intoArray(dst, dstBase + x, m);
        }
    }
}
