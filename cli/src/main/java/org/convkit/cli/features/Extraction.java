package org.convkit.cli.features;

import java.io.IOException;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.Sample;
import org.convkit.filters.parallel.Parallel;

/**
 * Extracts one feature row per sample of a data set, in parallel, into a {@link RowSink} in the data
 * set's order. Samples go in chunks (a few hundred per worker): the workers decode and extract a chunk,
 * then its rows are written in order, so memory holds one chunk at a time. A sample that cannot be read
 * or gives a row of the wrong length is reported (one line) and left out.
 */
public final class Extraction {
    private static final int PER_WORKER = 256;

    private Extraction() {}

    /** Samples extracted and written; failures went to {@code reporter}. */
    public static int run(DataSet data, FeatureOptions.SampleFeatures features, int workers, RowSink spool, Reporter reporter)
            throws IOException {
        Parallel.setThreads(workers);
        int n = data.size();
        int chunk = PER_WORKER * workers;
        float[][] rows = new float[Math.min(chunk, n)][];
        int[] labels = new int[rows.length];
        Throwable[] errors = new Throwable[rows.length];
        int written = 0;
        for (int start = 0; start < n; start += chunk) {
            int len = Math.min(chunk, n - start);
            int base = start;
            Parallel.forRange(len, 1, (from, to) -> {
                for (int k = from; k < to; k++) {
                    rows[k] = null;
                    errors[k] = null;
                    try {
                        Sample s = data.get(base + k);
                        labels[k] = s.label();
                        rows[k] = features.extract(s.image());
                    } catch (Exception | OutOfMemoryError e) {
                        errors[k] = e;
                    }
                }
            });
            for (int k = 0; k < len; k++) {
                if (errors[k] != null) {
                    reporter.failed(data.name(start + k), errors[k]); // names only for failures: they cost per sample
                } else {
                    try {
                        spool.add(rows[k], labels[k]);
                        written++;
                    } catch (IllegalArgumentException e) {
                        reporter.failed(data.name(start + k), e.getMessage());
                    }
                }
                rows[k] = null;
                reporter.progress().step();
            }
        }
        return written;
    }
}
