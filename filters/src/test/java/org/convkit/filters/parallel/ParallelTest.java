package org.convkit.filters.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ranges, threads, nesting, failures and concurrent callers of {@link Parallel#forRange}. */
class ParallelTest {
    /** Each index covered once, by contiguous ranges, over many calls (workers spinning and parked in turn). */
    @Test
    void coversEachIndexOnceInContiguousRanges() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            Parallel.withThreads(threads).run(() -> coverEachIndex(threads));
        }
    }

    private static void coverEachIndex(int threads) {
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

    /** Waits, without a clock, until every worker is past its spin and parked. */
    private static void awaitWorkersParked() {
        while (Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("convkit-parallel-"))
                .anyMatch(t -> t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TERMINATED)) {
            Thread.yield();
        }
    }

    @Test
    void nestedCallsRunInline() {
        Parallel.withThreads(2).run(ParallelTest::nestedInline);
    }

    private static void nestedInline() {
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
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            int calls = pool.submit(() -> Parallel.withThreads(2).call(() -> {
                AtomicInteger c = new AtomicInteger();
                Parallel.forRange(10, 1, (a, b) -> {
                    assertEquals(0, a);
                    assertEquals(10, b);
                    c.incrementAndGet();
                });
                return c.get();
            })).get();
            assertEquals(1, calls);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFailureInAnyRangeReachesTheCallerAndTheWorkersCarryOn() {
        Parallel.withThreads(2).run(ParallelTest::failuresReachTheCaller);
    }

    private static void failuresReachTheCaller() {
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
        int callers = 4;
        AtomicInteger errors = new AtomicInteger();
        Thread[] ts = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            ts[t] = new Thread(() -> Parallel.withThreads(2).run(() -> {
                for (int call = 0; call < 2000; call++) {
                    AtomicInteger sum = new AtomicInteger();
                    Parallel.forRange(64, 1, (a, b) -> sum.addAndGet(b - a));
                    if (sum.get() != 64) {
                        errors.incrementAndGet();
                    }
                }
            }));
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(0, errors.get());
    }

    @Test
    void theCountIsScopedAndEveryCoreOutsideAScope() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.threads());
        Set<String> names = ConcurrentHashMap.newKeySet();
        Parallel.withThreads(3).run(() -> {
            assertEquals(3, Parallel.threads());
            Parallel.forRange(3, 1, (a, b) -> names.add(Thread.currentThread().getName()));
            Parallel.withThreads(1).run(() -> assertEquals(1, Parallel.threads())); // the inner scope wins, then ends
            assertEquals(3, Parallel.threads());
        });
        assertEquals(3, names.size());
        names.clear();
        Parallel.withThreads(1).run(() -> Parallel.forRange(3, 1, (a, b) -> names.add(Thread.currentThread().getName())));
        assertEquals(Set.of(Thread.currentThread().getName()), names);
        assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.threads());
        assertThrows(IllegalArgumentException.class, () -> Parallel.withThreads(0));
    }

    /**
     * Two callers in one JVM (as two tasks of a Spark executor) with different counts, interleaved call by call:
     * each splits its work by its own count, and its ranges, on whatever thread, see its own count and its own
     * carried settings.
     */
    @Test
    void twoCallersWithDifferentCountsDoNotSeeEachOther() throws Exception {
        ScopedValue<String> tag = ScopedValue.newInstance();
        Parallel.carry(tag);
        CyclicBarrier step = new CyclicBarrier(2);
        AtomicInteger errors = new AtomicInteger();
        Thread[] callers = new Thread[2];
        int[] counts = {1, 3};
        for (int c = 0; c < 2; c++) {
            int mine = counts[c];
            String name = "caller " + c;
            callers[c] = new Thread(() -> ScopedValue.where(tag, name).run(() -> Parallel.withThreads(mine).run(() -> {
                for (int call = 0; call < 200; call++) {
                    try {
                        step.await(); // both callers inside their scopes at the same time
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        return;
                    }
                    AtomicInteger ranges = new AtomicInteger();
                    Parallel.forRange(30, 1, (a, b) -> {
                        ranges.incrementAndGet();
                        if (Parallel.threads() != mine || !(tag.isBound() && name.equals(tag.get()))) {
                            errors.incrementAndGet();
                        }
                    });
                    if (ranges.get() > mine || Parallel.threads() != mine) {
                        errors.incrementAndGet();
                    }
                }
            })));
            callers[c].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        assertEquals(0, errors.get());
    }

    @Test
    void anInheritedTaskRunsWithItsCreatorsCount() throws Exception {
        Runnable[] task = new Runnable[1];
        int[] seen = new int[1];
        Parallel.withThreads(2).run(() -> task[0] = Parallel.inherit(() -> seen[0] = Parallel.threads()));
        Thread t = new Thread(task[0]);
        t.start();
        t.join();
        assertEquals(2, seen[0]);
    }
}
