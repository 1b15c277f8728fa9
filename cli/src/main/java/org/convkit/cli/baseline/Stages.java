package org.convkit.cli.baseline;

import java.io.PrintStream;
import java.util.Locale;
import org.convkit.cli.progress.Progress;

/**
 * Tells the user where a long command is: one line per finished stage, {@code convkit: [2/4] ... (12.3 s)},
 * on standard error unless quiet; stages that go image by image also get a live bar on a terminal.
 */
final class Stages {
    private final int total;
    private final boolean quiet;
    private final PrintStream err;
    private int current;
    private long started;

    Stages(int total, boolean quiet, PrintStream err) {
        this.total = total;
        this.quiet = quiet;
        this.err = err;
    }

    /** Begins the next stage. */
    void start() {
        current++;
        started = System.nanoTime();
    }

    /** A live bar for this stage (silent off a terminal); messages about single images go through it. */
    Progress bar(String task) {
        return Progress.forFiles(String.format(Locale.ROOT, "[%d/%d] %s", current, total, task), quiet, err);
    }

    /** A line within the stage (the C grid's scores). */
    void note(String line) {
        if (!quiet) {
            err.println("convkit:       " + line);
        }
    }

    /** Ends the stage with its line; returns its seconds. */
    double done(String what) {
        double s = (System.nanoTime() - started) / 1e9;
        if (!quiet) {
            err.printf(Locale.ROOT, "convkit: [%d/%d] %s (%.1f s)%n", current, total, what, s);
        }
        return s;
    }
}
