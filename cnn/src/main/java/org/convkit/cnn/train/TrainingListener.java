package org.convkit.cnn.train;

import java.io.IOException;

/**
 * What a {@link Trainer} tells its caller while it trains: where progress bars, logs, checkpoints and
 * plots hook in. Every method does nothing by default.
 */
public interface TrainingListener {
    /** Told of each batch of one epoch; closed after the epoch's last batch, and when training fails during it. */
    interface EpochProgress extends AutoCloseable {
        EpochProgress NONE = (batch, loss, accuracy, images) -> { };

        /**
         * After batch {@code batch} (from 1): the epoch's running mean loss and accuracy over the
         * {@code images} trained so far in this epoch.
         */
        void batchDone(int batch, double loss, double accuracy, long images);

        @Override
        default void close() {}
    }

    /**
     * The end of an epoch, after its validation. {@code bestEpoch} is the epoch with the best validation
     * accuracy so far (0 without early stopping); {@code stopping} says that early stopping ends training here.
     * {@code images} is the number of images trained in the epoch.
     */
    record EpochEnd(EpochResult result, long images, int bestEpoch, boolean stopping) {}

    /** Before epoch {@code epoch} (from 1) of {@code batches} batches; the returned progress hears of each batch. */
    default EpochProgress epochStarted(int epoch, int batches) { return EpochProgress.NONE; }

    /** After each epoch; the network holds that epoch's weights (the best are restored only after the last). */
    default void epochEnded(EpochEnd end) throws IOException {}
}
