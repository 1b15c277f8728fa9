package org.convkit.cnn.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.nn.StepResult;
import org.convkit.cnn.optim.LrSchedule;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.tensor.Tensor;

/**
 * The training loop: epochs of seeded shuffles, batches gathered and augmented, one optimiser step per
 * batch at the schedule's learning rate, validation after each epoch, divergence detection and early
 * stopping. What the caller shows or saves it does in a {@link TrainingListener}.
 *
 * <p>Each epoch's random stream is a function of the seed and the epoch only ({@link #epochSeed}): it
 * shuffles the training indices, then draws every sample's augmentation in batch order. A run resumed
 * after epoch k ({@link #resume}) therefore continues bit for bit, given the network's and optimiser's
 * state of epoch k. Step {@code s} (from 0, over all epochs) runs at {@code schedule.lr(s)}.
 *
 * <pre>{@code
 * Trainer t = new Trainer(net, opt, schedule, new Trainer.Options(epochs, batch, seed, augmentation, patience));
 * Trainer.Outcome o = t.fit(train, trainIdx, new Trainer.Validation(train, valIdx), normalisation, listener);
 * }</pre>
 */
public final class Trainer {
    /** Validation accuracy is computed in batches of this many samples. */
    private static final int EVAL_BATCH = 256;

    /**
     * {@code patience} 0 trains all {@code epochs}; otherwise training stops when validation accuracy has not
     * improved for that many epochs, and the network ends with its best epoch's weights.
     */
    public record Options(int epochs, int batch, long seed, Augmentation augmentation, int patience) {
        public Options {
            if (epochs < 1 || batch < 2 || patience < 0) {
                throw new IllegalArgumentException("training needs at least 1 epoch, batches of 2 or more and a patience >= 0");
            }
        }
    }

    /** Samples {@code idx} of {@code set} (normalised as the training samples), scored after each epoch. */
    public record Validation(Samples set, int[] idx) {}

    /**
     * The epochs run (with those of a resumed run), the best epoch (0 without early stopping) and whether
     * early stopping ended training before the last epoch.
     */
    public record Outcome(List<EpochResult> history, int bestEpoch, boolean stoppedEarly) {}

    private final Network net;
    private final Optimizer opt;
    private final LrSchedule schedule;
    private final Options options;
    private final EarlyStopping early;
    private final List<EpochResult> history = new ArrayList<>();

    public Trainer(Network net, Optimizer opt, LrSchedule schedule, Options options) {
        this.net = net;
        this.opt = opt;
        this.schedule = schedule;
        this.options = options;
        this.early = options.patience() > 0 ? new EarlyStopping(options.patience()) : null;
    }

    /**
     * Batches per epoch of {@code samples}: the last one may be smaller, but a last batch of one sample is
     * dropped (BatchNorm's batch statistics need two).
     */
    public static int batchesPerEpoch(int samples, int batch) {
        return Math.max(1, samples / batch + (samples % batch > 1 ? 1 : 0));
    }

    /** A loss this far above chance (ln classes) means the run blew up even if it is still finite. */
    public static float explosion(int classes) { return (float) Math.max(100, 50 * Math.log(Math.max(2, classes))); }

    /** The random stream of one epoch (shuffle, augmentation): a function of the seed and epoch (from 0) only. */
    public static long epochSeed(long seed, int epoch) {
        return new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (epoch + 1));
    }

    /**
     * Continues a run after its epochs {@code done}: the network and optimiser must already hold the state
     * after the last of them. With early stopping, {@code weightsOfEpoch} gives the state dict saved after an
     * earlier epoch, asked once if that epoch was the best.
     */
    public void resume(List<EpochResult> done, IntFunction<Map<String, Tensor>> weightsOfEpoch) {
        if (!history.isEmpty()) {
            throw new IllegalStateException("resume before training");
        }
        history.addAll(done);
        if (early != null) {
            early.resume(done, net, weightsOfEpoch);
        }
    }

    /** The epochs run so far, with those resumed. */
    public List<EpochResult> history() { return List.copyOf(history); }

    /**
     * Trains on samples {@code trainIdx} of {@code train} (normalised by {@code normalisation}, whose black
     * fills what augmentation shifts in) from the epoch after those resumed, to the last or an early stop;
     * with early stopping the network then holds the best epoch's weights. Throws {@link DivergedException}
     * when a loss blows up, and what the listener throws.
     */
    public Outcome fit(Samples train, int[] trainIdx, Validation validation, Normalisation normalisation, TrainingListener listener)
            throws IOException {
        if (early != null && validation == null) {
            throw new IllegalArgumentException("early stopping needs validation samples");
        }
        int batch = options.batch(), batches = batchesPerEpoch(trainIdx.length, batch);
        int sampleSize = train.sampleSize();
        float[] xb = new float[batch * sampleSize];
        int[] yb = new int[batch];
        float[] tmp = new float[train.shape[1] * train.shape[2]];
        float[] black = normalisation.black();
        float limit = explosion(net.classes());
        boolean stopped = early != null && early.shouldStop();
        for (int epoch = history.size(); epoch < options.epochs() && !stopped; epoch++) {
            long e0 = System.nanoTime();
            SplittableRandom rng = new SplittableRandom(epochSeed(options.seed(), epoch));
            int[] perm = trainIdx.clone();
            Shuffle.shuffle(perm, rng);
            double lossSum = 0;
            long correct = 0, seen = 0;
            try (TrainingListener.EpochProgress progress = listener.epochStarted(epoch + 1, batches)) {
                for (int b = 0; b < batches; b++) {
                    int from = b * batch, to = Math.min(perm.length, from + batch);
                    opt.setLr(schedule.lr((long) epoch * batches + b));
                    Tensor x = train.gather(perm, from, to, xb, yb);
                    for (int i = 0; i < to - from; i++) {
                        options.augmentation().apply(xb, i * sampleSize, train.shape, black, rng, tmp);
                    }
                    int[] labels = to - from == batch ? yb : Arrays.copyOf(yb, to - from);
                    StepResult r = net.trainStep(x, labels, opt);
                    if (!Float.isFinite(r.loss()) || r.loss() > limit) {
                        throw new DivergedException(epoch + 1, b + 1, batches, r.loss(), opt.lr());
                    }
                    lossSum += (double) r.loss() * r.count();
                    correct += r.correct();
                    seen += r.count();
                    progress.batchDone(b + 1, lossSum / seen, (double) correct / seen, seen);
                }
            }
            double valAcc = validation == null ? Double.NaN : accuracy(net, validation.set(), validation.idx());
            EpochResult row = new EpochResult(epoch + 1, lossSum / seen, (double) correct / seen, valAcc, opt.lr(),
                    (System.nanoTime() - e0) / 1e9);
            history.add(row);
            if (early != null) {
                early.update(epoch + 1, valAcc, net);
                stopped = early.shouldStop();
            }
            listener.epochEnded(new TrainingListener.EpochEnd(row, seen, early == null ? 0 : early.bestEpoch(), stopped && epoch + 1 < options.epochs()));
        }
        if (early != null) {
            early.restoreBest(net);
        }
        return new Outcome(List.copyOf(history), early == null ? 0 : early.bestEpoch(),
                stopped && history.size() < options.epochs());
    }

    /** Accuracy of {@code net} in evaluation mode on samples {@code idx} of {@code set}, in batches. */
    public static double accuracy(Network net, Samples set, int[] idx) {
        float[] xb = new float[EVAL_BATCH * set.sampleSize()];
        int[] yb = new int[EVAL_BATCH];
        long correct = 0;
        for (int i = 0; i < idx.length; i += EVAL_BATCH) {
            int to = Math.min(idx.length, i + EVAL_BATCH);
            Tensor x = set.gather(idx, i, to, xb, yb);
            correct += Network.countCorrect(net.predict(x), Arrays.copyOf(yb, to - i));
        }
        return (double) correct / idx.length;
    }
}
