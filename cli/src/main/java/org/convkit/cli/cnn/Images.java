package org.convkit.cli.cnn;

import java.util.Arrays;
import java.util.List;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.baseline.InputShape;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.Sample;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.cnn.train.Samples;
import org.convkit.filters.parallel.Parallel;

/**
 * A labelled data set decoded into {@link Samples}: CHW values in [0, 1] (normalised later in place), with
 * the data set's class names. Unreadable images, and images of another shape than the first, are reported
 * one line each and left out.
 */
record Images(Samples samples, List<String> classes) {
    int size() { return samples.size(); }

    /**
     * The CHW shape of the first readable image. An image that fails here fails the same way in
     * {@link #read}, which reports it: the same catch, so that a damaged first image is skipped like any other.
     */
    static int[] firstShape(DataSet ds) {
        Throwable last = null;
        for (int i = 0; i < Math.min(ds.size(), 100); i++) {
            try {
                InputShape s = InputShape.of(ds.get(i).image());
                return new int[] {s.channels(), s.height(), s.width()};
            } catch (Exception | OutOfMemoryError e) {
                last = e;
            }
        }
        throw new CommandFailure("cannot read the first images of " + ds.description()
                + (last == null ? "" : ": " + Reporter.reason(last)));
    }

    /** Decodes every image of {@code ds} (of {@code shape}) on {@link Parallel}'s threads. */
    static Images read(DataSet ds, int[] shape, Reporter reporter) {
        int n = ds.size(), size = shape[0] * shape[1] * shape[2];
        float[] x = new float[Math.multiplyExact(n, size)];
        boolean[] ok = new boolean[n];
        Parallel.forRange(n, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                try {
                    Sample s = ds.get(i);
                    int[] got = {s.image().image().channelCount(), s.image().height(), s.image().width()};
                    if (!Arrays.equals(got, shape)) {
                        throw new IllegalArgumentException(InputShape.of(s.image()) + " image where the others are "
                                + Tensor.shapeString(shape) + " (CxHxW)");
                    }
                    System.arraycopy(InputAdapter.adapt(s.image(), shape).pixels(), 0, x, i * size, size);
                    ok[i] = true;
                } catch (Exception | OutOfMemoryError e) {
                    reporter.failed(ds.name(i), e);
                }
                reporter.progress().step();
            }
        });
        int kept = 0;
        for (boolean b : ok) {
            kept += b ? 1 : 0;
        }
        float[] xs = x;
        int[] labels = new int[kept];
        if (kept < n) {
            xs = new float[kept * size];
        }
        for (int i = 0, j = 0; i < n; i++) {
            if (ok[i]) {
                labels[j] = ds.label(i);
                if (xs != x) {
                    System.arraycopy(x, i * size, xs, j * size, size);
                }
                j++;
            }
        }
        return new Images(new Samples(shape, xs, labels), ds.classes());
    }
}
