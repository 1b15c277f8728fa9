package org.convkit.bench;

import java.util.SplittableRandom;
import org.convkit.cnn.layers.Layer;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * Training and inference throughput of the engine on random 1x28x28 batches, with a per-layer breakdown
 * of CPU time (meaningful with one thread): {@code TrainBench ARCH BATCH THREADS [SECONDS]}. A harness for bench/ scripts, never a test.
 */
public final class TrainBench {
    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    /** This thread's CPU time: with one thread all work runs here, and a loaded machine distorts it less. */
    private static long cpu() { return MX.getCurrentThreadCpuTime(); }

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "lenet5";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        Parallel.withThreads(threads).run(() -> measure(arch, batch, threads, seconds));
    }

    private static void measure(String arch, int batch, int threads, double seconds) {
        Network net = Network.build(arch, new int[] {1, 28, 28}, 10, 1);
        Optimizer opt = new Sgd(net.parameters(), 0.01, 0.9, false, 0);
        SplittableRandom rnd = new SplittableRandom(3);
        Tensor x = new Tensor(batch, 1, 28, 28);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, (float) rnd.nextGaussian());
        }
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rnd.nextInt(10);
        }
        int layers = net.layers().size();
        long[] fwd = new long[layers], bwd = new long[layers];
        for (int phase = 0; phase < 2; phase++) { // warm-up, then measured
            long t0 = System.nanoTime(), c0 = cpu(), images = 0;
            java.util.Arrays.fill(fwd, 0);
            java.util.Arrays.fill(bwd, 0);
            while (System.nanoTime() - t0 < seconds * 1e9 * (phase == 0 ? 0.6 : 1)) {
                Tensor h = x;
                for (int i = 0; i < layers; i++) {
                    long s = cpu();
                    h = net.layers().get(i).forward(h, true);
                    fwd[i] += cpu() - s;
                }
                net.loss().forward(h, y);
                Tensor g = net.loss().backward();
                for (int i = layers - 1; i >= 0; i--) {
                    long s = cpu();
                    g = net.layers().get(i).backward(g);
                    bwd[i] += cpu() - s;
                }
                opt.step();
                images += batch;
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            if (phase == 1) {
                System.out.printf("%s batch %d threads %d: train %.0f img/s (wall), %.0f img/s of this thread's CPU time%n",
                        arch, batch, threads, images / dt, images / ((cpu() - c0) / 1e9));
                for (int i = 0; i < layers; i++) {
                    Layer l = net.layers().get(i);
                    System.out.printf("  %-45s fwd %6.1f us/img  bwd %6.1f us/img%n", l.describe(),
                            fwd[i] / 1e3 / images, bwd[i] / 1e3 / images);
                }
            }
        }
        long t0 = System.nanoTime(), images = 0;
        while (System.nanoTime() - t0 < seconds * 0.5e9) {
            net.predict(x);
            images += batch;
        }
        System.out.printf("%s batch %d threads %d: inference %.0f img/s%n", arch, batch, threads,
                images / ((System.nanoTime() - t0) / 1e9));
    }
}
