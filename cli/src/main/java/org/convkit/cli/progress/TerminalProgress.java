package org.convkit.cli.progress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live bar (me.tongfei progressbar): files done of total, files per second, time left. It is
 * drawn from the first file that ends after {@link #DELAY}: a batch done sooner has nothing to
 * wait for, and the bar's terminal library (JLine, some 350 classes and a native library) takes
 * longer to start than such a batch takes to run.
 */
final class TerminalProgress implements Progress {
    static final Duration DELAY = Duration.ofMillis(500);

    private final String task;
    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile ProgressBar bar;

    TerminalProgress(String task) {
        this(task, System::nanoTime);
    }

    TerminalProgress(String task, LongSupplier nanoTime) {
        this.task = task;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public void addTotal(long files) {
        total.addAndGet(files);
        ProgressBar b = barOnceDue();
        if (b != null) {
            synchronized (this) { // the counts read under the lock only grow, whichever worker comes first
                b.maxHint(total.get());
            }
        }
    }

    @Override
    public void step() {
        done.incrementAndGet();
        ProgressBar b = barOnceDue();
        if (b != null) {
            synchronized (this) {
                b.stepTo(done.get());
            }
        }
    }

    @Override
    public synchronized void message(String line) {
        System.err.print((bar == null ? "" : "\r\u001b[K") + line + "\n");
        System.err.flush();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }

    @Override
    public boolean live() { return true; }

    /** Whether the bar has been drawn. */
    boolean drawn() { return bar != null; }

    long doneOnBar() { return bar.getCurrent(); }

    long totalOnBar() { return bar.getMax(); }

    /** The bar, created on the first call after {@link #DELAY}; null before. */
    private ProgressBar barOnceDue() {
        ProgressBar b = bar;
        if (b != null) {
            return b;
        }
        long elapsed = nanoTime.getAsLong() - start;
        if (elapsed < DELAY.toNanos()) {
            return null;
        }
        synchronized (this) {
            if (bar == null) {
                long t = total.get();
                bar = new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(t == 0 ? -1 : t)
                        .startsFrom(done.get(), Duration.ofNanos(elapsed))
                        .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                        .setUnit(" files", 1)
                        .showSpeed()
                        .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                        .setUpdateIntervalMillis(150)
                        .setMaxRenderedLength(100)
                        .build();
            }
            return bar;
        }
    }
}
