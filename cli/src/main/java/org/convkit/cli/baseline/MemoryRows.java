package org.convkit.cli.baseline;

import java.util.ArrayList;
import java.util.List;
import org.convkit.cli.features.RowSink;

/** Rows kept in memory, in the order they came, for training or scoring. */
final class MemoryRows implements RowSink {
    private final List<float[]> rows = new ArrayList<>();
    private int[] labels = new int[1024];

    @Override
    public void add(float[] row, int label) {
        if (!rows.isEmpty() && row.length != rows.getFirst().length) {
            throw new IllegalArgumentException(row.length + " values where the first image gave " + rows.getFirst().length
                    + " (images of different sizes?)");
        }
        if (rows.size() == labels.length) {
            labels = java.util.Arrays.copyOf(labels, labels.length * 2);
        }
        labels[rows.size()] = label;
        rows.add(row);
    }

    int size() { return rows.size(); }

    float[][] rows() { return rows.toArray(float[][]::new); }

    int[] labels() { return java.util.Arrays.copyOf(labels, rows.size()); }
}
