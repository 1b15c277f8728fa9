package org.convkit.cnn.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Logits of normalised samples handed in one at a time, computed a batch at a time ({@link Inference#batch}),
 * so that only one batch of inputs is held however many samples there are and however large the network's input.
 */
public final class BatchScorer {
    private final Network net;
    private final int batch;
    private final List<float[]> pending = new ArrayList<>();
    private final List<float[]> logits = new ArrayList<>();

    public BatchScorer(Network net) {
        this.net = net;
        this.batch = Inference.batch(net);
    }

    /** Samples per batch: the number worth reading ahead before they are scored. */
    public int batch() { return batch; }

    /** Adds one sample's normalised CHW values; a full batch is scored at once. */
    public void add(float[] sample) {
        pending.add(sample);
        if (pending.size() == batch) {
            flush();
        }
    }

    private void flush() {
        logits.addAll(List.of(Inference.logits(net, pending.size(), pending::get)));
        pending.clear();
    }

    /** One logit row per sample added, in order (the last, partial batch scored now). */
    public float[][] logits() {
        flush();
        return logits.toArray(float[][]::new);
    }
}
