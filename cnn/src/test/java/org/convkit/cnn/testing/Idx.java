package org.convkit.cnn.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;

/**
 * The Fashion-MNIST sample of testdata/fashion-mnist-sample as flat arrays, read by io's IDX reader. A
 * file is named as in the folder; {@code train-*} files are the train split, {@code t10k-*} the test split.
 */
public final class Idx {
    private Idx() {}

    public static final Path SAMPLE = Path.of("..", "testdata", "fashion-mnist-sample");

    /** Images as {@code [N, 1, rows, cols]}, scaled to [0, 1] then standardised with Fashion-MNIST's mean/std. */
    public static float[] images(String file, int[] shapeOut) throws IOException {
        return images(SAMPLE, file, shapeOut);
    }

    public static float[] images(Path dir, String file, int[] shapeOut) throws IOException {
        try (DataSet data = DataSets.open(dir, split(file))) {
            int n = data.size();
            float[] x = null;
            for (int i = 0; i < n; i++) {
                float[] pixels = data.get(i).image().image().channel(0).data();
                if (x == null) {
                    x = new float[n * pixels.length];
                    shapeOut[0] = n;
                    shapeOut[1] = 1;
                    shapeOut[2] = data.get(i).image().height();
                    shapeOut[3] = data.get(i).image().width();
                }
                for (int k = 0; k < pixels.length; k++) {
                    x[i * pixels.length + k] = (pixels[k] / 255f - 0.2860f) / 0.3530f;
                }
            }
            return x == null ? new float[0] : x;
        }
    }

    public static int[] labels(String file) throws IOException {
        return labels(SAMPLE, file);
    }

    public static int[] labels(Path dir, String file) throws IOException {
        try (DataSet data = DataSets.open(dir, split(file))) {
            int[] y = new int[data.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = data.label(i);
            }
            return y;
        }
    }

    private static Split split(String file) {
        return file.startsWith("t10k") ? Split.TEST : Split.TRAIN;
    }
}
