package org.convkit.features.gist;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.filters.vector.LaneSums;

/**
 * Sums of magnitudes {@code |re + i im|}, the inner loop of the GIST block means, for the two layouts
 * of the two Gabor stages.
 * <ul>
 * <li>Complex values stored interleaved ({@link JTransformsGabor}): {@link #sumScalar} is the
 *     specification; {@link #sum} does it with vectors without de-interleaving: squares plus their
 *     pair-swapped copy hold {@code re^2 + im^2} in both lanes of a pair, so the square roots summed
 *     over all lanes are twice the answer.</li>
 * <li>Real and imaginary parts apart, summed down columns ({@link BatchedGabor}): {@link #columnSumsScalar}
 *     is the specification, {@link #columnSums} the same operations on vectors of columns, bit for bit.</li>
 * </ul>
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

    /**
     * {@code sums[j] = sum_r |re[from + r stride + j] + i im[from + r stride + j]|} for {@code j < width},
     * {@code r < rows}, accumulated in float in the order of r.
     */
    static void columnSums(float[] re, float[] im, int from, int stride, int rows, int width, float[] sums) {
        int bound = S.loopBound(width);
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector acc = FloatVector.zero(S);
            for (int r = 0, i = from + j; r < rows; r++, i += stride) {
                FloatVector a = FloatVector.fromArray(S, re, i);
                FloatVector b = FloatVector.fromArray(S, im, i);
                acc = acc.add(a.fma(a, b.mul(b)).lanewise(VectorOperators.SQRT));
            }
            acc.intoArray(sums, j);
        }
        columnSumsScalar(re, im, from, stride, rows, bound, width, sums);
    }

    /** The specification of {@link #columnSums}, for the columns {@code [j0, j1)}. */
    static void columnSumsScalar(float[] re, float[] im, int from, int stride, int rows, int j0, int j1, float[] sums) {
        for (int j = j0; j < j1; j++) {
            float acc = 0;
            for (int r = 0, i = from + j; r < rows; r++, i += stride) {
                float a = re[i];
                float b = im[i];
                acc += (float) Math.sqrt(Math.fma(a, a, b * b));
            }
            sums[j] = acc;
        }
    }
}
