package org.convkit.cli.cnn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.convkit.io.AtomicOutput;
import org.convkit.cnn.train.EpochResult;

/**
 * The epochs of {@code cnn train} as CSV: one line per epoch in the {@code --log} file and in a
 * checkpoint's history. With {@code --early-stop} the log has a last column, {@code early_stop}, that
 * marks the best epoch so far ({@code best}) and the epoch after which training stopped ({@code stop}).
 */
final class TrainingLog {
    static final String HEADER = "epoch,train_loss,train_accuracy,val_accuracy,lr,seconds";
    static final String EARLY_STOP_COLUMN = "early_stop";

    private TrainingLog() {}

    static String csv(EpochResult r) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,%s,%.6g,%.3f", r.epoch(), r.trainLoss(), r.trainAccuracy(),
                Double.isNaN(r.valAccuracy()) ? "" : String.format(Locale.ROOT, "%.6f", r.valAccuracy()), r.lr(), r.seconds());
    }

    /** A line of {@link #csv}; IllegalArgumentException for any other. */
    static EpochResult parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("an epoch row of " + f.length + " fields, not 6: " + line);
        }
        return new EpochResult(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
    }

    /**
     * Writes {@code history} to {@code file} (replacing it). {@code earlyStop} adds the early-stop column;
     * {@code bestEpoch} and {@code stoppedAfter} (0 for none) say which rows it marks.
     */
    static void write(Path file, List<EpochResult> history, boolean earlyStop, int bestEpoch, int stoppedAfter) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append(earlyStop ? "," + EARLY_STOP_COLUMN : "").append('\n');
        for (EpochResult r : history) {
            b.append(csv(r));
            if (earlyStop) {
                b.append(',').append(r.epoch() == bestEpoch ? "best" : r.epoch() == stoppedAfter ? "stop" : "");
            }
            b.append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(file, true, out -> out.write(bytes));
    }
}
