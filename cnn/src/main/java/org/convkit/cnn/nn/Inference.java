package org.convkit.cnn.nn;

import java.util.function.IntFunction;
import org.convkit.cnn.tensor.Tensor;

/** Logits of many normalised samples, in batches through a network in evaluation mode. */
public final class Inference {
    public static final int BATCH = 256;
    /** The most values a batch may take over the input and all layers' outputs: 1 GB of floats. */
    public static final long BATCH_VALUES = 1L << 28;

    private Inference() {}

    /**
     * Samples per batch: {@link #BATCH}, or fewer for a network whose layers hold so much per sample that
     * the batch would take more than {@link #BATCH_VALUES} (the same for every network of the usual sizes).
     */
    public static int batch(Network net) {
        return (int) Math.max(1, Math.min(BATCH, BATCH_VALUES / Math.max(1, SampleValues.total(net))));
    }

    /** {@code sample.apply(i)} gives sample i's normalised CHW values; returns one logit row per sample. */
    public static float[][] logits(Network net, int n, IntFunction<float[]> sample) {
        int[] shape = net.inputShape();
        int size = shape[0] * shape[1] * shape[2];
        int batch = batch(net);
        float[][] out = new float[n][];
        float[] xb = new float[Math.min(n, batch) * size];
        for (int i = 0; i < n; i += batch) {
            int to = Math.min(n, i + batch);
            for (int k = i; k < to; k++) {
                System.arraycopy(sample.apply(k), 0, xb, (k - i) * size, size);
            }
            Tensor logits = net.predict(new Tensor(xb, 0, to - i, shape[0], shape[1], shape[2]));
            int c = logits.dim(1);
            for (int k = i; k < to; k++) {
                float[] row = new float[c];
                System.arraycopy(logits.data, logits.offset + (k - i) * c, row, 0, c);
                out[k] = row;
            }
        }
        return out;
    }

    /** Numerically stable softmax of one row (in double, then float). */
    public static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
