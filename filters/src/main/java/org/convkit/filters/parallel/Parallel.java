package org.convkit.filters.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * The one place convkit's numeric code spreads work over threads. Work is cut into contiguous ranges
 * (row bands, batch slices) so that each thread streams through its own memory.
 */
public final class Parallel {
    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static volatile ForkJoinPool pool;

    private Parallel() {}

    /** How many threads numeric work may use; the CLI's {@code -j} / {@code --threads} sets it. */
    public static int threads() { return threads; }

    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        if (n != threads) {
            threads = n;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                if (pool == null) {
                    pool = new ForkJoinPool(threads);
                }
                p = pool;
            }
        }
        return p;
    }

    /** A body that handles the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous ranges of
     * at least {@code minChunk} items; runs inline when one range suffices or when already inside the pool.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int parts = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (parts <= 1 || ForkJoinTask.inForkJoinPool()) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        pool().submit(() -> IntStream.range(0, parts).parallel().forEach(k -> {
            int from = (int) ((long) n * k / parts);
            int to = (int) ((long) n * (k + 1) / parts);
            body.run(from, to);
        })).join();
    }
}
