package org.convkit.features.gist;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.vector.LaneSums;

/**
 * Sums of magnitudes {@code |re + i im|} of complex values stored interleaved, the inner loop of the
 * GIST block means. {@link #sumScalar} is the specification; {@link #sum} does it with vectors
 * without de-interleaving: squares plus their pair-swapped copy hold {@code re^2 + im^2} in both lanes
 * of a pair, so the square roots summed over all lanes are twice the answer.
 */
final class Magnitudes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(S, i -> i ^ 1);

    private Magnitudes() {}

    /** {@code sum_k |z_k|} over the {@code count} complex values starting at float index {@code from}. */
    static double sum(float[] a, int from, int count) {
        int floats = 2 * count;
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int bound = S.loopBound(floats); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, a, from + i);
            FloatVector sq = v.mul(v);
            acc = acc.add(sq.add(sq.rearrange(SWAP_PAIRS)).lanewise(VectorOperators.SQRT));
        }
        double total = 0.5 * LaneSums.sumAsDouble(acc);
        return total + sumScalar(a, from + i, (floats - i) / 2);
    }

    static double sumScalar(float[] a, int from, int count) {
        double total = 0;
        for (int k = 0; k < count; k++) {
            float re = a[from + 2 * k];
            float im = a[from + 2 * k + 1];
            total += Math.sqrt(re * re + im * im);
        }
        return total;
    }
}
