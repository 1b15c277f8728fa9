package org.convkit.features.gist;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposition of a block of rows {@code W} floats apart into a block of rows {@code W} floats apart:
 * {@code dst[dof + c W + r] = src[so + r W + c]}, the gather between {@link BatchedGabor}'s two passes.
 * {@link #scalar} is the specification. {@link #transpose} does a whole 8 x 8 block of 8-lane vectors in
 * registers (three rounds that swap the off-diagonal halves, quarters and eighths: lane permutations
 * and blends, no memory round trips) and falls back to {@link #scalar} for other widths and partial blocks.
 * A copy either way, so the two agree exactly.
 */
final class BlockTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** The vector path is taken when the strips are 8 floats wide and 256-bit vectors are native. */
    static final boolean EIGHT = FloatVector.SPECIES_PREFERRED.length() >= 8;
    private static final VectorShuffle<Float> RIGHT4 = VectorShuffle.fromOp(S, i -> (i + 4) & 7);
    private static final VectorShuffle<Float> RIGHT2 = VectorShuffle.fromOp(S, i -> (i + 6) & 7);
    private static final VectorShuffle<Float> RIGHT1 = VectorShuffle.fromOp(S, i -> (i + 7) & 7);
    private static final VectorShuffle<Float> LEFT4 = VectorShuffle.fromOp(S, i -> (i + 4) & 7);
    private static final VectorShuffle<Float> LEFT2 = VectorShuffle.fromOp(S, i -> (i + 2) & 7);
    private static final VectorShuffle<Float> LEFT1 = VectorShuffle.fromOp(S, i -> (i + 1) & 7);
    private static final VectorMask<Float> ODD4 = VectorMask.fromLong(S, 0b11110000);
    private static final VectorMask<Float> ODD2 = VectorMask.fromLong(S, 0b11001100);
    private static final VectorMask<Float> ODD1 = VectorMask.fromLong(S, 0b10101010);

    private BlockTranspose() {}

    /** {@code rows x cols} of W-wide rows at {@code so}, transposed to W-wide rows at {@code dof}. */
    static void transpose(float[] src, int so, int rows, int cols, int w, float[] dst, int dof) {
        if (w != 8 || rows != 8 || cols != 8 || !EIGHT) {
            scalar(src, so, rows, cols, w, dst, dof);
            return;
        }
        FloatVector r0 = FloatVector.fromArray(S, src, so);
        FloatVector r1 = FloatVector.fromArray(S, src, so + 8);
        FloatVector r2 = FloatVector.fromArray(S, src, so + 16);
        FloatVector r3 = FloatVector.fromArray(S, src, so + 24);
        FloatVector r4 = FloatVector.fromArray(S, src, so + 32);
        FloatVector r5 = FloatVector.fromArray(S, src, so + 40);
        FloatVector r6 = FloatVector.fromArray(S, src, so + 48);
        FloatVector r7 = FloatVector.fromArray(S, src, so + 56);
        // swap the off-diagonal 4 x 4 blocks: row i takes row i + 4's left half into its right half
        FloatVector a0 = r0.blend(r4.rearrange(RIGHT4), ODD4);
        FloatVector a4 = r0.rearrange(LEFT4).blend(r4, ODD4);
        FloatVector a1 = r1.blend(r5.rearrange(RIGHT4), ODD4);
        FloatVector a5 = r1.rearrange(LEFT4).blend(r5, ODD4);
        FloatVector a2 = r2.blend(r6.rearrange(RIGHT4), ODD4);
        FloatVector a6 = r2.rearrange(LEFT4).blend(r6, ODD4);
        FloatVector a3 = r3.blend(r7.rearrange(RIGHT4), ODD4);
        FloatVector a7 = r3.rearrange(LEFT4).blend(r7, ODD4);
        // then the off-diagonal 2 x 2 blocks within each 4 x 4 block
        FloatVector b0 = a0.blend(a2.rearrange(RIGHT2), ODD2);
        FloatVector b2 = a0.rearrange(LEFT2).blend(a2, ODD2);
        FloatVector b1 = a1.blend(a3.rearrange(RIGHT2), ODD2);
        FloatVector b3 = a1.rearrange(LEFT2).blend(a3, ODD2);
        FloatVector b4 = a4.blend(a6.rearrange(RIGHT2), ODD2);
        FloatVector b6 = a4.rearrange(LEFT2).blend(a6, ODD2);
        FloatVector b5 = a5.blend(a7.rearrange(RIGHT2), ODD2);
        FloatVector b7 = a5.rearrange(LEFT2).blend(a7, ODD2);
        // then the single off-diagonal elements
        b0.blend(b1.rearrange(RIGHT1), ODD1).intoArray(dst, dof);
        b0.rearrange(LEFT1).blend(b1, ODD1).intoArray(dst, dof + 8);
        b2.blend(b3.rearrange(RIGHT1), ODD1).intoArray(dst, dof + 16);
        b2.rearrange(LEFT1).blend(b3, ODD1).intoArray(dst, dof + 24);
        b4.blend(b5.rearrange(RIGHT1), ODD1).intoArray(dst, dof + 32);
        b4.rearrange(LEFT1).blend(b5, ODD1).intoArray(dst, dof + 40);
        b6.blend(b7.rearrange(RIGHT1), ODD1).intoArray(dst, dof + 48);
        b6.rearrange(LEFT1).blend(b7, ODD1).intoArray(dst, dof + 56);
    }

    /** The specification. */
    static void scalar(float[] src, int so, int rows, int cols, int w, float[] dst, int dof) {
        for (int r = 0; r < rows; r++) {
            int from = so + r * w;
            for (int c = 0; c < cols; c++) {
                dst[dof + c * w + r] = src[from + c];
            }
        }
    }
}
