package org.convkit.features.svm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.convkit.features.sift.ReferenceFiles;

/**
 * Test-only reader of the IDX .gz Fashion-MNIST sample in {@code testdata/fashion-mnist-sample}
 * (the real data-set readers live in the cli module).
 */
record FashionSample(int count, int rows, int cols, float[][] pixels, int[] labels) {

    static FashionSample load(String split) throws IOException {
        String prefix = split.equals("train") ? "train" : "t10k";
        float[][] px;
        int rows, cols;
        try (DataInputStream in = open("fashion-mnist-sample/" + prefix + "-images-idx3-ubyte.gz")) {
            if (in.readInt() != 0x803) {
                throw new IOException("bad image magic");
            }
            int n = in.readInt();
            rows = in.readInt();
            cols = in.readInt();
            byte[] buf = new byte[rows * cols];
            px = new float[n][];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                px[i] = new float[buf.length];
                for (int j = 0; j < buf.length; j++) {
                    px[i][j] = buf[j] & 0xff;
                }
            }
        }
        int[] labels;
        try (DataInputStream in = open("fashion-mnist-sample/" + prefix + "-labels-idx1-ubyte.gz")) {
            if (in.readInt() != 0x801) {
                throw new IOException("bad label magic");
            }
            labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
        }
        if (labels.length != px.length) {
            throw new IOException("count mismatch");
        }
        return new FashionSample(px.length, rows, cols, px, labels);
    }

    private static DataInputStream open(String rel) throws IOException {
        InputStream raw = Files.newInputStream(ReferenceFiles.testdata(rel));
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)));
    }
}
