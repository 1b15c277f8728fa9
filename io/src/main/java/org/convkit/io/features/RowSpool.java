package org.convkit.io.features;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Feature rows on their way to an output file: float32 rows streamed to a hidden scratch file beside
 * the output (memory stays bounded whatever the data set's size), labels kept in memory (4 bytes per
 * row). The final format is written from it once the row count is known ({@link FeatureFormat}).
 */
public final class RowSpool implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private int dim = -1;
    private int rows;
    private int[] labels = new int[1024];
    private ByteBuffer buf = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);

    public RowSpool(Path besideOutput) throws IOException {
        Path dir = besideOutput.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, "." + besideOutput.getFileName() + ".", ".rows");
        file.toFile().deleteOnExit();
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** Row length; -1 before the first row. */
    public int dim() { return dim; }

    public int rows() { return rows; }

    public int label(int i) { return labels[i]; }

    /** Appends one row; a row whose length differs from the first's is an IllegalArgumentException. */
    public void add(float[] row, int label) throws IOException {
        if (dim < 0) {
            dim = row.length;
            buf = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
        } else if (row.length != dim) {
            throw new IllegalArgumentException(row.length + " values where the first image gave " + dim
                    + " (images of different sizes? resize them first)");
        }
        buf.clear();
        buf.asFloatBuffer().put(row);
        out.write(buf.array(), 0, 4 * dim);
        if (rows == labels.length) {
            labels = Arrays.copyOf(labels, rows * 2);
        }
        labels[rows++] = label;
    }

    /** The rows in order, for the writers. */
    interface RowVisitor {
        void row(int index, float[] values, int label) throws IOException;
    }

    void forEachRow(RowVisitor visitor) throws IOException {
        out.flush();
        float[] row = new float[Math.max(dim, 0)];
        byte[] bytes = new byte[4 * row.length];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (int i = 0; i < rows; i++) {
                in.readFully(bytes);
                b.clear();
                b.asFloatBuffer().get(row);
                visitor.row(i, row, labels[i]);
            }
        }
    }

    /** The raw little-endian float32 rows, as one stream. */
    InputStream rawRows() throws IOException {
        out.flush();
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    long rawSize() { return (long) rows * Math.max(dim, 0) * 4; }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
