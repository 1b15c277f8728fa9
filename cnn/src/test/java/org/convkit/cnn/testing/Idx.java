package org.convkit.cnn.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Test-only reader of the gzipped IDX files in testdata/fashion-mnist-sample (the real data-set
 * reader lives in cli, which cnn must not depend on).
 */
public final class Idx {
    private Idx() {}

    public static final Path SAMPLE = Path.of("..", "testdata", "fashion-mnist-sample");

    /** Images as {@code [N, 1, rows, cols]}, scaled to [0, 1] then standardised with Fashion-MNIST's mean/std. */
    public static float[] images(String file, int[] shapeOut) throws IOException {
        return images(SAMPLE, file, shapeOut);
    }

    public static float[] images(Path dir, String file, int[] shapeOut) throws IOException {
        try (DataInputStream in = open(dir, file)) {
            if (in.readInt() != 0x00000803) {
                throw new IOException(file + ": not an IDX image file");
            }
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            byte[] raw = in.readNBytes(n * rows * cols);
            float[] x = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                x[i] = ((raw[i] & 0xff) / 255f - 0.2860f) / 0.3530f;
            }
            shapeOut[0] = n;
            shapeOut[1] = 1;
            shapeOut[2] = rows;
            shapeOut[3] = cols;
            return x;
        }
    }

    public static int[] labels(String file) throws IOException {
        return labels(SAMPLE, file);
    }

    public static int[] labels(Path dir, String file) throws IOException {
        try (DataInputStream in = open(dir, file)) {
            if (in.readInt() != 0x00000801) {
                throw new IOException(file + ": not an IDX label file");
            }
            byte[] raw = in.readNBytes(in.readInt());
            int[] y = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                y[i] = raw[i] & 0xff;
            }
            return y;
        }
    }

    private static DataInputStream open(Path dir, String file) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(file)));
        return new DataInputStream(new java.io.BufferedInputStream(in));
    }
}
