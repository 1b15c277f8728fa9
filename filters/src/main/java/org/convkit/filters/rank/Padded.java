package org.convkit.filters.rank;

import org.convkit.filters.border.Border;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.Plane;

/**
 * A plane copied into a larger row-major buffer with {@code before} samples of border on the left and
 * top and {@code after} on the right and bottom, made up by a {@link Border}: the simplest way for
 * the neighbourhood operators to read windows without index checks.
 */
final class Padded {
    final float[] data;
    final int stride;
    final int rows;

    Padded(Plane src, Border border, int before, int after) {
        int w = src.width();
        int h = src.height();
        stride = w + before + after;
        rows = h + before + after;
        data = new float[stride * rows];
        BorderMode mode = border.mode();
        float c = border.constant();
        float[] in = src.data();
        int[] columns = new int[stride];
        for (int p = 0; p < stride; p++) {
            columns[p] = mode.index(p - before, w);
        }
        for (int r = 0; r < rows; r++) {
            int sy = mode.index(r - before, h);
            int base = r * stride;
            if (sy < 0) {
                java.util.Arrays.fill(data, base, base + stride, c);
                continue;
            }
            System.arraycopy(in, sy * w, data, base + before, w);
            for (int p = 0; p < before; p++) {
                data[base + p] = columns[p] < 0 ? c : in[sy * w + columns[p]];
            }
            for (int p = before + w; p < stride; p++) {
                data[base + p] = columns[p] < 0 ? c : in[sy * w + columns[p]];
            }
        }
    }
}
