package org.convkit.filters.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ranges, threads, nesting, failures and concurrent callers of {@link Parallel#forRange}. */
class ParallelTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() { Parallel.setThreads(saved); }

    /** Each index covered once, by contiguous ranges, over many calls (workers spinning and parked in turn). */
    @Test
    void coversEachIndexOnceInContiguousRanges() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            Parallel.setThreads(threads);
            for (int call = 0; call < 300; call++) {
                int n = call % 37;
                int[] hits = new int[n];
                Set<String> threadNames = ConcurrentHashMap.newKeySet();
                AtomicInteger ranges = new AtomicInteger();
                Parallel.forRange(n, 2, (from, to) -> {
                    ranges.incrementAndGet();
                    threadNames.add(Thread.currentThread().getName());
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                    }
                });
                int[] ones = new int[n];
                java.util.Arrays.fill(ones, 1);
                assertArrayEquals(ones, hits, "threads " + threads + ", n " + n);
                int parts = Math.min(threads, Math.max(1, n / 2));
                assertEquals(n == 0 ? 0 : parts, ranges.get());
                assertEquals(n == 0 ? 0 : parts, threadNames.size(), "one range per thread");
                if (call % 50 == 0) {
                    awaitWorkersParked(); // the next call must wake them
                }
            }
        }
    }

    /** Waits, without a clock, until every worker is past its spin and parked (or stopped). */
    private static void awaitWorkersParked() {
        while (Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("convkit-parallel-"))
                .anyMatch(t -> t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TERMINATED)) {
            Thread.yield();
        }
    }

    @Test
    void nestedCallsRunInline() {
        Parallel.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        Parallel.forRange(4, 1, (a, b) -> Parallel.forRange(100, 1, (c, d) -> {
            assertEquals(0, c);
            assertEquals(100, d);
            inner.incrementAndGet();
        }));
        assertEquals(2, inner.get());
    }

    @Test
    void insideAForkJoinPoolRunsInline() throws Exception {
        Parallel.setThreads(2);
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            int calls = pool.submit(() -> {
                AtomicInteger c = new AtomicInteger();
                Parallel.forRange(10, 1, (a, b) -> {
                    assertEquals(0, a);
                    assertEquals(10, b);
                    c.incrementAndGet();
                });
                return c.get();
            }).get();
            assertEquals(1, calls);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFailureInAnyRangeReachesTheCallerAndTheWorkersCarryOn() {
        Parallel.setThreads(2);
        for (int failing = 0; failing < 2; failing++) {
            int f = failing;
            IllegalStateException boom = new IllegalStateException("range " + f);
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forRange(2, 1, (a, b) -> {
                if (a == f) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
        }
        AtomicInteger sum = new AtomicInteger();
        Parallel.forRange(10, 1, (a, b) -> sum.addAndGet(b - a));
        assertEquals(10, sum.get());
    }

    @Test
    void concurrentCallersEachGetEveryIndex() throws InterruptedException {
        Parallel.setThreads(2);
        int callers = 4;
        AtomicInteger errors = new AtomicInteger();
        Thread[] ts = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            ts[t] = new Thread(() -> {
                for (int call = 0; call < 2000; call++) {
                    AtomicInteger sum = new AtomicInteger();
                    Parallel.forRange(64, 1, (a, b) -> sum.addAndGet(b - a));
                    if (sum.get() != 64) {
                        errors.incrementAndGet();
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(0, errors.get());
    }

    @Test
    void changingTheThreadCountReplacesTheWorkers() {
        Parallel.setThreads(3);
        Set<String> names = ConcurrentHashMap.newKeySet();
        Parallel.forRange(3, 1, (a, b) -> names.add(Thread.currentThread().getName()));
        assertEquals(3, names.size());
        Parallel.setThreads(1);
        names.clear();
        Parallel.forRange(3, 1, (a, b) -> names.add(Thread.currentThread().getName()));
        assertEquals(Set.of(Thread.currentThread().getName()), names);
        assertTrue(Parallel.threads() == 1);
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
