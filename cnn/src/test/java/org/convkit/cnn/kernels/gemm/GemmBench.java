package org.convkit.cnn.kernels.gemm;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convkit.filters.parallel.Parallel;

/**
 * A plain GEMM throughput harness (no JMH module exists yet): {@code GemmBench [sizes...]} prints GFLOP/s
 * of the best of several timed runs, for 1 and 2 threads. Run by bench/cnn_gemm.sh; never by the tests.
 */
public final class GemmBench {
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {256, 512, 1024}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        SplittableRandom rnd = new SplittableRandom(1);
        System.out.println("species " + MicroKernel.S + " MR=" + MicroKernel.MR + " NR=" + MicroKernel.NR);
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (int n : sizes) {
                float[] a = new float[n * n];
                float[] b = new float[n * n];
                float[] c = new float[n * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rnd.nextDouble();
                    b[i] = (float) rnd.nextDouble();
                }
                double flops = 2.0 * n * n * n;
                int reps = (int) Math.max(3, 2e10 / flops);
                double best = Double.MAX_VALUE;
                for (int round = 0; round < 8; round++) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        Gemm.sgemm(false, false, n, n, n, a, 0, n, b, 0, n, 0f, c, 0, n);
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
                }
                System.out.printf("convkit sgemm n=%d threads=%d  %.1f GFLOP/s%n", n, threads, flops / best / 1e9);
            }
        }
    }
}
