package org.convkit.cnn.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.convkit.cnn.nn.Augmentation;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.optim.LrSchedule;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.testing.Idx;
import org.convkit.filters.parallel.Parallel;

/**
 * Trains a preset on a full IDX data set (Fashion-MNIST) with the engine alone, until the CLI's
 * {@code cnn train} exists: {@code FullTrain DIR ARCH EPOCHS BATCH THREADS LR [AUGMENT]}; SGD with
 * Nesterov momentum 0.9, weight decay 5e-4, cosine schedule per step. Prints test accuracy and wall
 * time per epoch. A harness, not a test.
 */
public final class FullTrain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String arch = args[1];
        int epochs = Integer.parseInt(args[2]), batch = Integer.parseInt(args[3]);
        Parallel.setThreads(Integer.parseInt(args[4]));
        double lr = Double.parseDouble(args[5]);
        Augmentation aug = Augmentation.parse(args.length > 6 ? args[6] : "none", 2);
        int[] s = new int[4];
        Tensor train = Tensor.wrap(Idx.images(dir, "train-images-idx3-ubyte.gz", s), s.clone());
        int[] trainY = Idx.labels(dir, "train-labels-idx1-ubyte.gz");
        Tensor test = Tensor.wrap(Idx.images(dir, "t10k-images-idx3-ubyte.gz", s), s.clone());
        int[] testY = Idx.labels(dir, "t10k-labels-idx1-ubyte.gz");
        Network net = Network.build(arch, new int[] {1, 28, 28}, 10, 1);
        Optimizer opt = new Sgd(net.parameters(), lr, 0.9, true, 5e-4);
        int n = train.dim(0), steps = n / batch;
        LrSchedule schedule = LrSchedule.cosine(lr, (long) steps * epochs, 0);
        Tensor xb = new Tensor(batch, 1, 28, 28), xa = new Tensor(batch, 1, 28, 28);
        int[] yb = new int[batch];
        int[] order = new int[n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int sample = 784;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long t0 = System.nanoTime();
            double loss = 0;
            int correct = 0;
            for (int b = 0; b < steps; b++) {
                for (int i = 0; i < batch; i++) {
                    int k = order[b * batch + i];
                    System.arraycopy(train.data, k * sample, xb.data, i * sample, sample);
                    yb[i] = trainY[k];
                }
                Tensor in = xb;
                if (!aug.isIdentity()) {
                    aug.apply(xb, xa, 1, net.steps());
                    in = xa;
                }
                opt.setLr(schedule.lr(net.steps()));
                var r = net.trainStep(in, yb, opt);
                loss += r.loss();
                correct += r.correct();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            int ok = 0;
            for (int i = 0; i < test.dim(0); i += 500) {
                int j = Math.min(test.dim(0), i + 500);
                ok += Network.countCorrect(net.predict(test.batch(i, j)), Arrays.copyOfRange(testY, i, j));
            }
            System.out.printf("%s epoch %d: loss %.4f train acc %.4f test acc %.4f  %.1f s (%.0f img/s)%n", arch, e + 1,
                    loss / steps, correct / (double) (steps * batch), ok / (double) test.dim(0), secs, steps * batch / secs);
        }
    }
}
