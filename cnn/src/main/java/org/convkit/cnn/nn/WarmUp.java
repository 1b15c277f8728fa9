package org.convkit.cnn.nn;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.convkit.cnn.optim.Optimizer;
import org.convkit.cnn.optim.Sgd;
import org.convkit.cnn.tensor.Tensor;

/**
 * Gets a network's kernels compiled while the caller does something else (typically: reads its data).
 * <p>
 * The Vector API is fast only once C2 has compiled a kernel; until then each vector operation is a
 * boxed object, some hundred times slower. In a fresh JVM the first LeNet-5 batch of 256 images took
 * 1.9 s and the second 0.9 s, a compiled one 6 ms: the first pass over 60,000 images spent more time
 * warming up than computing. A warm-up runs a <em>twin</em> of the network (the same spec, its own random
 * weights and buffers, so nothing of the caller's network or results is touched) on random batches, on
 * a background thread of its own (inside which {@code Parallel} runs inline), until the batches stop
 * getting faster, a time cap passes, or {@link #close} is called. Only the JIT's code is shared.
 * <p>
 * It does so twice, the second time with a fresh twin on a fresh thread: code compiled while one thread
 * ran one network has never seen a thread's first {@code ThreadLocal} lookup nor a layer's first buffer
 * allocation, and the caller's first batch would throw it away ("unstable if" deoptimisations) and wait
 * for it to be compiled again. The second round takes those recompilations instead.
 */
public final class WarmUp implements AutoCloseable {
    /** Batches at least this large take the same GEMM paths as the large ones (see {@code Gemm}). */
    private static final int MAX_BATCH = 64;
    private static final long CAP_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

    private final ForkJoinPool thread = new ForkJoinPool(1);
    private volatile boolean stop;
    private final long start = System.nanoTime();

    private WarmUp() {}

    /**
     * Starts warming the kernels {@code net} uses in evaluation ({@code training} false) or training
     * steps at batch size {@code batch}. Never fails: a warm-up that cannot run does nothing.
     */
    public static WarmUp start(Network net, int batch, boolean training) {
        return start(net.spec(), net.inputShape(), net.classes(), batch, training);
    }

    /** As {@link #start(Network, int, boolean)} for the network {@code arch} (a preset or spec) would build. */
    public static WarmUp start(String arch, int[] inputShape, int classes, int batch, boolean training) {
        WarmUp w = new WarmUp();
        int b = Math.max(1, Math.min(batch, MAX_BATCH));
        int[] shape = inputShape.clone();
        w.thread.execute(() -> {
            ForkJoinPool second = new ForkJoinPool(1);
            try {
                Network twin = Network.build(arch, shape, classes, 1);
                w.run(twin, b, training);
                second.submit(() -> w.run(Network.build(arch, shape, classes, 2), b, training)).get();
            } catch (Exception | OutOfMemoryError e) {
                // only speed is at stake (an architecture that does not build fails later, where it is reported)
            } finally {
                second.shutdown();
            }
        });
        return w;
    }

    /**
     * Batches of random inputs through {@code twin}, growing from a few samples to {@code batch} (a first
     * batch runs interpreted and slowly: a small one lets {@link #close} take effect soon).
     */
    private void run(Network twin, int batch, boolean training) {
        SplittableRandom rng = new SplittableRandom(7);
        Optimizer opt = training ? new Sgd(twin.parameters(), 1e-3, 0.9, false, 0) : null;
        long best = Long.MAX_VALUE, lastGain = System.nanoTime();
        int size = 0;
        Tensor x = null;
        int[] labels = null;
        // compiled kernels arrive one by one, each making the batches faster: warm once no batch has been
        // 10% faster than the best before it for a while (PATIENCE, or five of the best batches)
        while (!stop) {
            if (size < batch) {
                size = Math.min(batch, Math.max(4, 2 * size));
                x = randomBatch(twin.inputShape(), size, rng);
                labels = new int[size];
                for (int i = 0; i < size; i++) {
                    labels[i] = rng.nextInt(twin.classes());
                }
                best = Long.MAX_VALUE;
            }
            long t0 = System.nanoTime();
            if (training) {
                twin.trainStep(x, labels, opt);
            }
            twin.predict(x);
            long now = System.nanoTime(), dt = now - t0;
            if (dt < best - best / 10) {
                lastGain = now;
            }
            best = Math.min(best, dt);
            if (now - lastGain > Math.max(PATIENCE_NANOS, 5 * best) || now - start > CAP_NANOS) {
                return;
            }
        }
    }

    private static Tensor randomBatch(int[] sample, int n, SplittableRandom rng) {
        int[] shape = new int[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        Tensor x = new Tensor(shape);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, (float) rng.nextGaussian());
        }
        return x;
    }

    /** Waits up to {@code millis} for the warm-up to end, by itself or after {@link #close}; true if it has. */
    boolean awaitEnd(long millis) { return thread.awaitQuiescence(millis, TimeUnit.MILLISECONDS); }

    /** Stops the warm-up after its current batch (without waiting for it). */
    @Override
    public void close() {
        stop = true;
        thread.shutdown();
    }
}
