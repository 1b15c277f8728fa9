package org.convkit.cnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.optim.LrSchedule;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Trainer} on small synthetic data: events, repeats, resume, early stopping, divergence. */
class TrainerTest {
    private static final String NET = "conv(2,3,pad=1) bn relu flatten dropout(0.2) fc(2)";
    private static final int[] SHAPE = {1, 4, 4};

    @BeforeEach
    void oneThread() { Parallel.setThreads(1); }

    @AfterEach
    void restore() { Parallel.setThreads(Runtime.getRuntime().availableProcessors()); }

    /** {@code n} samples whose class is whether the top half is brighter than the bottom (what flips keep), all with {@code label} if it is >= 0. */
    private static Samples data(int n, long seed, int label) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 16];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = label >= 0 ? label : rng.nextInt(2);
            for (int p = 0; p < 16; p++) {
                x[i * 16 + p] = (float) rng.nextGaussian() + ((p / 4 < 2) == (y[i] == 1) ? 1.5f : 0);
            }
        }
        return new Samples(SHAPE, x, y);
    }

    private static Network net() { return Network.build(NET, SHAPE, 2, 11); }

    private static Trainer trainer(Network net, Optimizer opt, int epochs, int patience, double lr) {
        return new Trainer(net, opt, LrSchedule.cosine(lr, (long) Trainer.batchesPerEpoch(40, 8) * epochs, 0),
                new Trainer.Options(epochs, 8, 5, Augmentation.parse("flip,crop"), patience));
    }

    private static Normalisation identity() { return new Normalisation(new float[] {0}, new float[] {1}); }

    private static Map<String, float[]> weights(Network net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        net.stateDict().forEach((k, t) -> out.put(k, t.toArray()));
        return out;
    }

    private static void assertSameWeights(Map<String, float[]> a, Map<String, float[]> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
    }

    /** Records the events; throws after epoch {@code killAfter} (0: never), as a killed run stops. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final List<TrainingListener.EpochEnd> ends = new ArrayList<>();
        final Map<Integer, Map<String, float[]>> weightsAfter = new LinkedHashMap<>();
        final Network net;
        final int killAfter;

        Recorder(Network net, int killAfter) {
            this.net = net;
            this.killAfter = killAfter;
        }

        @Override
        public EpochProgress epochStarted(int epoch, int batches) {
            events.add("start " + epoch + " of " + batches);
            return new EpochProgress() {
                @Override
                public void batchDone(int batch, double loss, double accuracy, long images) {
                    events.add("batch " + batch + " " + images);
                }

                @Override
                public void close() { events.add("close"); }
            };
        }

        @Override
        public void epochEnded(EpochEnd end) throws IOException {
            ends.add(end);
            weightsAfter.put(end.result().epoch(), weights(net));
            if (end.result().epoch() == killAfter) {
                throw new IOException("killed");
            }
        }
    }

    @Test
    void batchesDropOnlyALastBatchOfOne() {
        assertEquals(5, Trainer.batchesPerEpoch(40, 8));
        assertEquals(6, Trainer.batchesPerEpoch(42, 8));
        assertEquals(5, Trainer.batchesPerEpoch(41, 8), "a last batch of one sample is dropped");
        assertEquals(1, Trainer.batchesPerEpoch(1, 8));
    }

    @Test
    void trainsEveryEpochWithItsEventsAndRepeatsBitForBit() throws IOException {
        Samples train = data(40, 1, -1), val = data(30, 2, -1);
        Network net = net();
        Recorder rec = new Recorder(net, 0);
        Trainer.Outcome o = trainer(net, new Sgd(net.parameters(), 0.1, 0.9, false, 0), 3, 0, 0.1)
                .fit(train, Shuffle.identity(40), new Trainer.Validation(val, Shuffle.identity(30)), identity(), rec);
        assertEquals(3, o.history().size());
        assertEquals(0, o.bestEpoch());
        assertFalse(o.stoppedEarly());
        assertEquals(List.of("start 1 of 5", "batch 1 8", "batch 2 16", "batch 3 24", "batch 4 32", "batch 5 40", "close"),
                rec.events.subList(0, 7));
        assertEquals(3 * 7, rec.events.size());
        for (int e = 0; e < 3; e++) {
            EpochResult r = o.history().get(e);
            assertEquals(e + 1, r.epoch());
            assertTrue(r.valAccuracy() >= 0 && r.valAccuracy() <= 1 && r.trainLoss() > 0, r.toString());
            assertEquals(40, rec.ends.get(e).images());
        }
        assertTrue(o.history().getLast().trainLoss() < 0.8 * o.history().getFirst().trainLoss() && o.history().getLast().valAccuracy() > 0.6,
                "learns which half is brighter: " + o.history());

        Network again = net();
        trainer(again, new Sgd(again.parameters(), 0.1, 0.9, false, 0), 3, 0, 0.1)
                .fit(train, Shuffle.identity(40), new Trainer.Validation(val, Shuffle.identity(30)), identity(), new TrainingListener() {});
        assertSameWeights(weights(net), weights(again));
    }

    @Test
    void aResumedRunEqualsAnUninterruptedOne() throws IOException {
        Samples train = data(40, 1, -1);
        int[] idx = Shuffle.identity(40);
        Trainer.Validation val = new Trainer.Validation(train, new int[] {0, 1, 2, 3, 4, 5});
        Network full = net();
        trainer(full, new Sgd(full.parameters(), 0.1, 0.9, true, 1e-3), 3, 0, 0.1).fit(train, idx, val, identity(), new TrainingListener() {});

        Network first = net();
        Optimizer firstOpt = new Sgd(first.parameters(), 0.1, 0.9, true, 1e-3);
        Trainer killed = trainer(first, firstOpt, 3, 0, 0.1);
        assertThrows(IOException.class, () -> killed.fit(train, idx, val, identity(), new Recorder(first, 1)));

        // a new process: the state after epoch 1 loaded into a new network and optimiser
        Network second = net();
        Optimizer secondOpt = new Sgd(second.parameters(), 0.1, 0.9, true, 1e-3);
        second.loadStateDict(first.stateDict());
        second.setSteps(first.steps());
        secondOpt.loadState(firstOpt.state());
        Trainer resumed = trainer(second, secondOpt, 3, 0, 0.1);
        resumed.resume(killed.history(), e -> {
            throw new AssertionError("no early stopping, no weights asked");
        });
        Recorder rec = new Recorder(second, 0);
        Trainer.Outcome o = resumed.fit(train, idx, val, identity(), rec);
        assertEquals("start 2 of 5", rec.events.getFirst());
        assertEquals(3, o.history().size());
        assertSameWeights(weights(full), weights(second));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndKeepsTheBestEpochsWeights() throws IOException {
        // trained on class 1 only and validated on class 0 only: validation accuracy falls to 0 and stays
        Samples train = data(40, 1, 1), val = data(20, 2, 0);
        Network net = Network.build("flatten fc(2)", SHAPE, 2, 3);
        Recorder rec = new Recorder(net, 0);
        Trainer.Outcome o = trainer(net, new Sgd(net.parameters(), 0.5, 0.9, false, 0), 10, 2, 0.5)
                .fit(train, Shuffle.identity(40), new Trainer.Validation(val, Shuffle.identity(20)), identity(), rec);
        assertEquals(1, o.bestEpoch(), o.history().toString());
        assertTrue(o.stoppedEarly());
        assertEquals(3, o.history().size(), "stops after the 2 epochs of patience that follow the best");
        assertEquals(List.of(false, false, true), rec.ends.stream().map(TrainingListener.EpochEnd::stopping).toList());
        assertEquals(List.of(1, 1, 1), rec.ends.stream().map(TrainingListener.EpochEnd::bestEpoch).toList());
        assertTrue(!java.util.Arrays.equals(rec.weightsAfter.get(1).get("1.weight"), rec.weightsAfter.get(3).get("1.weight")),
                "the weights moved after the best epoch");
        assertSameWeights(rec.weightsAfter.get(1), weights(net));
    }

    @Test
    void earlyStoppingNeedsValidation() {
        Network net = net();
        Trainer t = trainer(net, new Sgd(net.parameters(), 0.1, 0.9, false, 0), 3, 2, 0.1);
        assertThrows(IllegalArgumentException.class, () -> t.fit(data(40, 1, -1), Shuffle.identity(40), null, identity(), new TrainingListener() {}));
    }

    @Test
    void aBlownUpLossStopsWithItsEpochAndBatch() {
        Network net = Network.build("flatten fc(2)", SHAPE, 2, 3);
        Recorder rec = new Recorder(net, 0);
        Trainer t = new Trainer(net, new Sgd(net.parameters(), 1e12, 0.9, false, 0), LrSchedule.constant(1e12),
                new Trainer.Options(3, 8, 5, Augmentation.NONE, 0));
        DivergedException e = assertThrows(DivergedException.class,
                () -> t.fit(data(40, 1, -1), Shuffle.identity(40), null, identity(), rec));
        assertEquals(1, e.epoch());
        assertEquals(5, e.batches());
        assertTrue(e.batch() >= 2 && e.batch() <= 5, "the first step only moves the weights: " + e.batch());
        assertEquals(1e12, e.lr());
        assertEquals("close", rec.events.getLast(), "the epoch's progress is closed");
    }

    @Test
    void theEpochSeedDependsOnSeedAndEpochOnly() {
        assertEquals(Trainer.epochSeed(5, 2), Trainer.epochSeed(5, 2));
        assertTrue(Trainer.epochSeed(5, 2) != Trainer.epochSeed(5, 3));
        assertTrue(Trainer.epochSeed(5, 2) != Trainer.epochSeed(6, 2));
    }
}
