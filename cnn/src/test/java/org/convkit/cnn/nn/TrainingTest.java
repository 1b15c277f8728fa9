package org.convkit.cnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.cnn.optim.Adam;
import org.convkit.cnn.optim.LrSchedule;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.testing.Idx;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training on the Fashion-MNIST sample: learning happens, and it repeats bit for bit. */
class TrainingTest {
    private static Tensor train, test;
    private static int[] trainY, testY;

    @BeforeAll
    static void load() throws IOException {
        int[] s = new int[4];
        float[] x = Idx.images("train-images-idx3-ubyte.gz", s);
        train = Tensor.wrap(x, s.clone());
        trainY = Idx.labels("train-labels-idx1-ubyte.gz");
        x = Idx.images("t10k-images-idx3-ubyte.gz", s);
        test = Tensor.wrap(x, s.clone());
        testY = Idx.labels("t10k-labels-idx1-ubyte.gz");
    }

    /** Trains {@code steps} batches in data order (the sample is already shuffled), from {@code firstStep}. */
    private static float train(Network net, Optimizer opt, LrSchedule schedule, int batch, long firstStep, int steps) {
        float loss = 0;
        int perEpoch = train.dim(0) / batch;
        for (long t = firstStep; t < firstStep + steps; t++) {
            int b = (int) (t % perEpoch);
            opt.setLr(schedule.lr(t));
            loss = net.trainStep(train.batch(b * batch, (b + 1) * batch), Arrays.copyOfRange(trainY, b * batch, (b + 1) * batch), opt).loss();
        }
        return loss;
    }

    private static double accuracy(Network net) {
        int correct = 0;
        for (int i = 0; i < test.dim(0); i += 200) {
            int j = Math.min(test.dim(0), i + 200);
            correct += Network.countCorrect(net.predict(test.batch(i, j)), Arrays.copyOfRange(testY, i, j));
        }
        return correct / (double) test.dim(0);
    }

    @Test
    void lenetLearnsFashionMnistSample() {
        Network net = Network.build("lenet5", new int[] {1, 28, 28}, 10, 1);
        double before = accuracy(net);
        Optimizer opt = new Sgd(net.parameters(), 0.05, 0.9, false, 5e-4);
        float loss = train(net, opt, LrSchedule.cosine(0.05, 300, 0), 64, 0, 300);
        double after = accuracy(net);
        assertTrue(after > 0.72, "test accuracy after 300 steps: " + after + " (before " + before + ", loss " + loss + ")");
        assertTrue(loss < 0.9, "final training loss " + loss);
    }

    @Test
    void vggWithBatchNormAndDropoutLearns() {
        Network net = Network.build("vgg-small", new int[] {1, 28, 28}, 10, 2);
        Optimizer opt = Adam.adamW(net.parameters(), 2e-3, 1e-4);
        train(net, opt, LrSchedule.oneCycle(3e-3, 60), 50, 0, 60);
        double acc = accuracy(net);
        assertTrue(acc > 0.6, "vgg-small test accuracy after 60 steps: " + acc);
    }

    private static Map<String, float[]> snapshot(Map<String, Tensor> state) {
        Map<String, float[]> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.toArray()));
        return out;
    }

    private static Map<String, Tensor> copies(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    private static void assertSameBits(Map<String, float[]> a, Map<String, float[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), 0f, k);
        }
    }

    private static Map<String, float[]> run(String arch, int threads, int steps) {
        return Parallel.withThreads(threads).call(() -> {
            Network net = Network.build(arch, new int[] {1, 28, 28}, 10, 42);
            Optimizer opt = new Sgd(net.parameters(), 0.02, 0.9, true, 1e-4);
            train(net, opt, LrSchedule.constant(0.02), 32, 0, steps);
            return snapshot(net.stateDict());
        });
    }

    @Test
    void sameSeedSameThreadsIsBitIdentical() {
        String arch = "conv(8,3,pad=1) bn relu maxpool(2) res(16,stride=2) flatten dropout(0.3) fc(32) relu dropout(0.5) fc(10)";
        assertSameBits(run(arch, 1, 12), run(arch, 1, 12));
        assertSameBits(run(arch, 2, 12), run(arch, 2, 12));
        Map<String, float[]> other = snapshot(Network.build(arch, new int[] {1, 28, 28}, 10, 43).stateDict());
        assertTrue(!Arrays.equals(other.get("0.weight"), run(arch, 1, 0).get("0.weight")), "the seed matters");
    }

    @Test
    void resumingFromSavedStateContinuesIdentically() {
        String arch = "conv(8,3,pad=1) bn relu maxpool(2) flatten fc(32) relu dropout(0.5) fc(10)";
        Parallel.withThreads(1).run(() -> {
            Network full = Network.build(arch, new int[] {1, 28, 28}, 10, 5);
            Optimizer fullOpt = Adam.adam(full.parameters(), 1e-3, 0);
            train(full, fullOpt, LrSchedule.constant(1e-3), 32, 0, 16);

            Network first = Network.build(arch, new int[] {1, 28, 28}, 10, 5);
            Optimizer firstOpt = Adam.adam(first.parameters(), 1e-3, 0);
            train(first, firstOpt, LrSchedule.constant(1e-3), 32, 0, 8);
            Map<String, Tensor> saved = copies(first.stateDict());
            Map<String, Tensor> savedOpt = copies(firstOpt.state());
            long savedSteps = first.steps();

            Network resumed = Network.build(arch, new int[] {1, 28, 28}, 10, 5);
            resumed.loadStateDict(saved);
            resumed.setSteps(savedSteps);
            Optimizer resumedOpt = Adam.adam(resumed.parameters(), 1e-3, 0);
            resumedOpt.loadState(savedOpt);
            train(resumed, resumedOpt, LrSchedule.constant(1e-3), 32, savedSteps, 8);
            assertSameBits(snapshot(full.stateDict()), snapshot(resumed.stateDict()));
        });
    }
}
