package org.convkit.cnn.train;

import java.util.Arrays;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * A labelled data set in one array: {@code n} CHW samples one after the other ({@code x}, sample i at
 * {@code i * sampleSize()}) and their class indices. Batches are gathered from it in any order.
 */
public final class Samples {
    public final int[] shape;
    public final float[] x;
    public final int[] labels;

    /** {@code x} holds {@code labels.length} samples of {@code shape} (CxHxW); both are used, not copied. */
    public Samples(int[] shape, float[] x, int[] labels) {
        if (shape.length != 3 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("samples need a CxHxW shape, got " + Arrays.toString(shape));
        }
        if ((long) labels.length * shape[0] * shape[1] * shape[2] != x.length) {
            throw new IllegalArgumentException(x.length + " values are not " + labels.length + " samples of " + Tensor.shapeString(shape));
        }
        this.shape = shape.clone();
        this.x = x;
        this.labels = labels;
    }

    public int size() { return labels.length; }

    public int sampleSize() { return shape[0] * shape[1] * shape[2]; }

    /** Normalises every sample in place. */
    public void normalise(Normalisation n) {
        int s = sampleSize();
        Parallel.forRange(size(), 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                n.apply(x, i * s, shape);
            }
        });
    }

    /**
     * Samples {@code order[from..to)} copied into {@code into} as an NCHW tensor (a view of {@code into}),
     * their labels into {@code labelsInto}.
     */
    public Tensor gather(int[] order, int from, int to, float[] into, int[] labelsInto) {
        int s = sampleSize();
        for (int i = from; i < to; i++) {
            System.arraycopy(x, order[i] * s, into, (i - from) * s, s);
            labelsInto[i - from] = labels[order[i]];
        }
        return new Tensor(into, 0, to - from, shape[0], shape[1], shape[2]);
    }
}
