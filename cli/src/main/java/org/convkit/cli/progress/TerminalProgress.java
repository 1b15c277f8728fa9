package org.convkit.cli.progress;

import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The live bar (me.tongfei progressbar): files done of total, files per second, time left. */
final class TerminalProgress implements Progress {
    private final ProgressBar bar;
    private final AtomicLong total = new AtomicLong();

    TerminalProgress(String task) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUnit(" files", 1)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(150)
                .setMaxRenderedLength(100)
                .build();
    }

    @Override
    public void addTotal(long files) {
        bar.maxHint(total.addAndGet(files));
    }

    @Override
    public void step() { bar.step(); }

    @Override
    public synchronized void message(String line) {
        System.err.print("\r\u001b[K" + line + "\n");
        System.err.flush();
    }

    @Override
    public void close() { bar.close(); }

    @Override
    public boolean live() { return true; }
}
