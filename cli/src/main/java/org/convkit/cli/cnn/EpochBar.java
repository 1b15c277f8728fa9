package org.convkit.cli.cnn;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.convkit.cli.progress.Terminals;
import org.convkit.cnn.train.TrainingListener;

/** One epoch's live bar on a terminal: batches done, running loss and accuracy, images per second. */
final class EpochBar implements TrainingListener.EpochProgress {
    private final ProgressBar bar;
    private final long start = System.nanoTime();

    private EpochBar(ProgressBar bar) { this.bar = bar; }

    /** A live bar when {@code err} is the process's terminal standard error and not quiet; else nothing shown. */
    static EpochBar open(String task, long batches, boolean quiet, PrintStream err) {
        if (quiet || err != System.err || !Terminals.stderrIsTerminal()) {
            return new EpochBar(null);
        }
        return new EpochBar(new ProgressBarBuilder().setTaskName(task).setInitialMax(batches)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK).setUnit(" batches", 1).setUpdateIntervalMillis(200)
                .setMaxRenderedLength(110).build());
    }

    @Override
    public void batchDone(int batch, double loss, double accuracy, long images) {
        if (bar != null) {
            double s = (System.nanoTime() - start) / 1e9;
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %.4f %.0f img/s", loss, accuracy, images / Math.max(s, 1e-9)));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
