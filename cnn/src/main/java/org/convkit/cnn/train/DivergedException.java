package org.convkit.cnn.train;

import java.util.Locale;

/**
 * Training blew up: a batch's loss was not finite, or far above chance ({@link Trainer#explosion}).
 * Epoch and batch count from 1; {@code lr} is the learning rate of that step.
 */
public final class DivergedException extends RuntimeException {
    private final int epoch, batch, batches;
    private final float loss;
    private final double lr;

    DivergedException(int epoch, int batch, int batches, float loss, double lr) {
        super(String.format(Locale.ROOT, "training diverged: the loss is %s at epoch %d, batch %d of %d", lossText(loss), epoch, batch, batches));
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        this.loss = loss;
        this.lr = lr;
    }

    public int epoch() { return epoch; }

    public int batch() { return batch; }

    public int batches() { return batches; }

    public float loss() { return loss; }

    public double lr() { return lr; }

    /** The loss as a short number ("3.272e+05"), or "NaN" / "Infinity". */
    public static String lossText(float loss) {
        return Float.isFinite(loss) ? String.format(Locale.ROOT, "%.4g", loss) : Float.toString(loss);
    }
}
