package org.convkit.cnn.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.tensor.Tensor;

/**
 * Stops training when validation accuracy has not improved for {@code patience} epochs, and keeps a copy
 * of the weights (the whole state dict, BatchNorm's running statistics included) of the best epoch, which
 * {@link #restoreBest} puts back. Only a strictly higher accuracy is an improvement, so of equal
 * accuracies the earliest epoch counts as best. An epoch without a validation accuracy (NaN) neither
 * improves nor counts towards the patience.
 */
public final class EarlyStopping {
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch, lastEpoch, sinceBest;
    private Map<String, Tensor> bestWeights;

    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping needs a patience of at least 1 epoch, got " + patience);
        }
        this.patience = patience;
    }

    public int patience() { return patience; }

    /** The epoch (from 1) with the best validation accuracy so far; 0 before any. */
    public int bestEpoch() { return bestEpoch; }

    public double bestAccuracy() { return best; }

    /** True once validation accuracy has not improved for {@code patience} epochs. */
    public boolean shouldStop() { return sinceBest >= patience; }

    /** Takes the validation accuracy after {@code epoch}; copies the weights of {@code net} when it is the best so far. */
    public void update(int epoch, double valAccuracy, Network net) {
        if (track(epoch, valAccuracy)) {
            bestWeights = copy(net.stateDict());
        }
    }

    /** Counts one epoch; true when it is the new best. */
    private boolean track(int epoch, double valAccuracy) {
        lastEpoch = epoch;
        if (Double.isNaN(valAccuracy)) {
            return false;
        }
        if (valAccuracy > best) {
            best = valAccuracy;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /**
     * Takes the epochs of a run being resumed, whose last epoch's weights {@code net} holds; {@code weightsOfEpoch}
     * gives the state dict of an earlier epoch when that one was the best (asked at most once, here).
     */
    void resume(Iterable<EpochResult> history, Network net, java.util.function.IntFunction<Map<String, Tensor>> weightsOfEpoch) {
        for (EpochResult r : history) {
            track(r.epoch(), r.valAccuracy());
        }
        if (bestEpoch == 0) {
            return;
        }
        bestWeights = copy(bestEpoch == lastEpoch ? net.stateDict() : weightsOfEpoch.apply(bestEpoch));
    }

    /** Puts the best epoch's weights back into {@code net}; true when they differ from the last epoch's. */
    public boolean restoreBest(Network net) {
        if (bestWeights == null || bestEpoch == lastEpoch) {
            return false;
        }
        net.loadStateDict(bestWeights);
        return true;
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((name, t) -> out.put(name, t.copy()));
        return out;
    }
}
