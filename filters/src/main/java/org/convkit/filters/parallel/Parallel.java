package org.convkit.filters.parallel;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place convkit's numeric code spreads work over threads. Work is cut into contiguous ranges
 * (row bands, batch slices) so that each thread streams through its own memory.
 * <p>
 * The thread count is scoped, not global: {@link #withThreads} binds it for the code a task runs (the
 * command line binds {@code -j} around each command), and without a binding it is every core. The
 * calling thread runs the first range itself and hands the others to {@code threads() - 1} daemon
 * workers of a team kept for that count (one wake-up per worker and call; a {@code ForkJoinPool}
 * submit-and-join woke up to two threads and parked the caller). A worker between calls, and a caller
 * waiting for its workers, spins {@value #SPIN} times ({@link Thread#onSpinWait}, a few microseconds)
 * before it parks: long enough to catch back-to-back calls, short enough never to hold a core. Longer
 * spins were measured slower on this shared 2-core machine (a 256 x 256 product on two threads, JMH:
 * about 128 GFLOP/s parking after this short spin, 120 spinning 20 us, 75 spinning 100 us, 16-58
 * spinning 1 ms), because a spinning thread keeps the core that its descheduled partner, or another
 * process, needs.
 */
public final class Parallel {
    /** Spin iterations before parking. */
    static final int SPIN = 64;

    private static final int ALL_CORES = Runtime.getRuntime().availableProcessors();
    private static final ScopedValue<Integer> THREADS = ScopedValue.newInstance();
    /** The scoped settings besides the thread count that a call hands to its workers ({@link #carry}). */
    private static volatile ScopedValue<?>[] carried = {};
    /** One team per thread count, made on first use; idle workers are parked daemons. */
    private static final ConcurrentHashMap<Integer, Team> TEAMS = new ConcurrentHashMap<>();

    private Parallel() {}

    /**
     * How many threads numeric work started on this thread may use: the count bound by the innermost
     * enclosing {@link #withThreads}, else every core.
     */
    public static int threads() { return THREADS.orElse(ALL_CORES); }

    /**
     * A scope with {@code n} threads: {@code Parallel.withThreads(n).run(task)} (or {@code .call}) runs
     * {@code task} on this thread with {@link #threads()} = n for everything it calls, here and on the
     * workers. Other threads keep their own count: two callers in one JVM cannot change each other's.
     */
    public static ScopedValue.Carrier withThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        return ScopedValue.where(THREADS, n);
    }

    /**
     * Makes {@code setting} follow work onto the workers of {@link #forRange} and into {@link #inherit}ed
     * tasks, as the thread count does: a body then sees the caller's value, not the default.
     */
    public static synchronized void carry(ScopedValue<?> setting) {
        if (setting != THREADS && !List.of(carried).contains(setting)) {
            ScopedValue<?>[] more = java.util.Arrays.copyOf(carried, carried.length + 1);
            more[carried.length] = setting;
            carried = more;
        }
    }

    /**
     * {@code task} wrapped to run, on whatever thread, with the calling thread's scoped settings (the thread
     * count and the {@link #carry}ed ones): for a caller's own worker threads.
     */
    public static Runnable inherit(Runnable task) {
        ScopedValue.Carrier settings = callerSettings();
        return () -> settings.run(task);
    }

    /** This thread's carried settings, as one carrier (the thread count always, the others when bound). */
    private static ScopedValue.Carrier callerSettings() {
        ScopedValue.Carrier c = ScopedValue.where(THREADS, threads());
        for (ScopedValue<?> v : carried) {
            if (v.isBound()) {
                c = rebind(c, v);
            }
        }
        return c;
    }

    private static <T> ScopedValue.Carrier rebind(ScopedValue.Carrier c, ScopedValue<T> v) { return c.where(v, v.get()); }

    /** A body that handles the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous ranges of
     * at least {@code minChunk} items; runs inline when one range suffices, when called from inside a
     * range (nested) or a {@code ForkJoinPool}, or while another thread has the workers of this count.
     * The workers run their ranges with the caller's scoped settings.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int threads = threads();
        int parts = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (parts > 1 && !(Thread.currentThread() instanceof Worker) && !ForkJoinTask.inForkJoinPool()) {
            Team t = TEAMS.computeIfAbsent(threads, size -> new Team(size - 1));
            if (t.busy.compareAndSet(false, true)) { // not reentrant: nested calls run inline
                try {
                    t.run(n, parts, body, callerSettings());
                    return;
                } finally {
                    t.busy.set(false);
                }
            }
        }
        if (n > 0) {
            body.run(0, n);
        }
    }

    /** Spins up to {@link #SPIN} times until {@code done} holds; false if it still does not. */
    private static boolean spinUntil(java.util.function.BooleanSupplier done) {
        for (int i = 0; i < SPIN; i++) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return done.getAsBoolean();
    }

    private static int bound(int n, int parts, int k) { return (int) ((long) n * k / parts); }

    /** The workers and the call they are serving (one call at a time: {@link #busy}). */
    private static final class Team {
        final Worker[] workers;
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger pending = new AtomicInteger();
        RangeBody body;
        ScopedValue.Carrier settings;
        int n, parts;
        volatile Throwable failure;
        volatile Thread caller;
        volatile boolean callerParked;
        // Made once: nothing on the hand-off path allocates, so running out of heap cannot break it half way.
        private final java.util.function.BooleanSupplier allDone = () -> pending.get() == 0;

        Team(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, i + 1, size + 1);
                workers[i].start();
            }
        }

        /** Ranges 1 .. parts-1 to the workers, range 0 here, then waits for the workers. Holds {@link #busy}. */
        void run(int n, int parts, RangeBody body, ScopedValue.Carrier settings) {
            this.body = body;
            this.settings = settings;
            this.n = n;
            this.parts = parts;
            failure = null;
            caller = Thread.currentThread();
            pending.set(parts - 1);
            for (int k = 1; k < parts; k++) {
                workers[k - 1].post();
            }
            Throwable mine = null;
            try {
                body.run(0, bound(n, parts, 1));
            } catch (Throwable e) {
                mine = e;
            }
            if (!spinUntil(allDone)) {
                callerParked = true;
                while (pending.get() != 0) {
                    LockSupport.park(this);
                }
                callerParked = false;
            }
            this.body = null;
            this.settings = null;
            Throwable f = mine != null ? mine : failure;
            if (f instanceof RuntimeException r) {
                throw r;
            } else if (f instanceof Error e) {
                throw e;
            } else if (f != null) {
                throw new IllegalStateException(f);
            }
        }

        /** Called by worker {@code k} after its range. */
        void done(Throwable e) {
            if (e != null) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Runs range {@code index} of each call posted to it; between calls spins a little, then parks. */
    private static final class Worker extends Thread {
        private final Team team;
        private final int index;
        private volatile long posted;
        private volatile boolean parked;
        private long seen; // the last call served (this thread's own)
        // Made once: an allocation outside the body's try would let an OutOfMemoryError kill the worker, and every
        // later call would wait for it forever.
        private final java.util.function.BooleanSupplier hasPost = () -> posted != seen;

        Worker(Team team, int index, int threads) {
            super("convkit-parallel-" + threads + "-" + index);
            this.team = team;
            this.index = index;
            setDaemon(true);
        }

        void post() {
            posted++; // only the caller holding the team (busy) writes it
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                if (!spinUntil(hasPost)) {
                    parked = true;
                    while (posted == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
                seen = posted;
                Throwable error = null;
                try {
                    int parts = team.parts, n = team.n;
                    RangeBody body = team.body;
                    team.settings.run(() -> body.run(bound(n, parts, index), bound(n, parts, index + 1)));
                } catch (Throwable e) {
                    error = e;
                }
                team.done(error);
            }
        }
    }
}
