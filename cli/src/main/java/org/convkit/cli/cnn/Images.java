package org.convkit.cli.cnn;

import java.util.Arrays;
import java.util.List;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.baseline.InputShape;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.Sample;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * A labelled data set decoded into one array: {@code n} CHW samples in [0, 1] (normalised later in place),
 * their labels and the data set's class names. Unreadable images, and images of another shape than the
 * first, are reported one line each and left out.
 */
final class Images {
    final int[] shape;
    final float[] x;
    final int[] labels;
    final List<String> classes;

    private Images(int[] shape, float[] x, int[] labels, List<String> classes) {
        this.shape = shape;
        this.x = x;
        this.labels = labels;
        this.classes = classes;
    }

    int size() { return labels.length; }

    int sampleSize() { return shape[0] * shape[1] * shape[2]; }

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
        return new Images(shape.clone(), xs, labels, ds.classes());
    }

    /** Per-channel mean and standard deviation of samples {@code idx} (in double, population std). */
    float[][] meanStd(int[] idx) {
        int c = shape[0], hw = shape[1] * shape[2];
        double[] sum = new double[c], sq = new double[c];
        for (int i : idx) {
            for (int k = 0; k < c; k++) {
                int base = i * sampleSize() + k * hw;
                double s = 0, q = 0;
                for (int p = base; p < base + hw; p++) {
                    s += x[p];
                    q += (double) x[p] * x[p];
                }
                sum[k] += s;
                sq[k] += q;
            }
        }
        float[] mean = new float[c], std = new float[c];
        double count = (double) idx.length * hw;
        for (int k = 0; k < c; k++) {
            double m = sum[k] / count;
            mean[k] = (float) m;
            std[k] = (float) Math.max(Math.sqrt(Math.max(0, sq[k] / count - m * m)), 1e-6);
        }
        return new float[][] {mean, std};
    }

    /** Normalises every sample in place. */
    void normalise(float[] mean, float[] std) {
        Parallel.forRange(size(), 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                InputAdapter.normalise(x, i * sampleSize(), shape, mean, std);
            }
        });
    }

    /** Samples {@code [from, to)} of {@code order} as an NCHW tensor and their labels. */
    Tensor gather(int[] order, int from, int to, float[] into, int[] labelsInto) {
        int s = sampleSize();
        for (int i = from; i < to; i++) {
            System.arraycopy(x, order[i] * s, into, (i - from) * s, s);
            labelsInto[i - from] = labels[order[i]];
        }
        return new Tensor(into, 0, to - from, shape[0], shape[1], shape[2]);
    }
}
