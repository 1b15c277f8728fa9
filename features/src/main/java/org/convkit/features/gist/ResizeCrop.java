package org.convkit.features.gist;

/**
 * LMgist's {@code imresizecrop}: scale so that the shorter side becomes {@code size} (new size
 * {@code round(side * max(size/rows, size/cols))}, rounding half away from zero as MATLAB does), with
 * MATLAB's {@code imresize(..., 'bilinear')}, then cut the centred square at {@code floor((new-size)/2)}.
 * MATLAB's bilinear resize: output sample x (1-based) reads input coordinate
 * {@code u = x/s + (1 - 1/s)/2}; a triangle kernel, widened to {@code 1/s} when shrinking (antialiasing),
 * normalised weights, indices beyond the edges mirrored (edge repeated); the axis shrunk most goes first.
 */
final class ResizeCrop {
    private ResizeCrop() {}

    /** One channel, row-major {@code rows x cols}, to a {@code size x size} square. */
    static double[] apply(double[] src, int rows, int cols, int size) {
        double scaling = Math.max((double) size / rows, (double) size / cols);
        int newRows = (int) Math.round(rows * scaling); // positive values: Math.round is half away from zero
        int newCols = (int) Math.round(cols * scaling);
        double[] resized = resize(src, rows, cols, newRows, newCols);
        int r0 = (newRows - size) / 2;
        int c0 = (newCols - size) / 2;
        double[] out = new double[size * size];
        for (int y = 0; y < size; y++) {
            System.arraycopy(resized, (r0 + y) * newCols + c0, out, y * size, size);
        }
        return out;
    }

    static double[] resize(double[] src, int rows, int cols, int newRows, int newCols) {
        if (newRows == rows && newCols == cols) {
            return src.clone();
        }
        Weights wr = Weights.of(rows, newRows);
        Weights wc = Weights.of(cols, newCols);
        if ((double) newRows / rows <= (double) newCols / cols) {
            double[] t = alongRows(src, rows, cols, wr);
            return alongCols(t, newRows, cols, wc);
        }
        double[] t = alongCols(src, rows, cols, wc);
        return alongRows(t, rows, newCols, wr);
    }

    private static double[] alongRows(double[] src, int rows, int cols, Weights w) {
        double[] out = new double[w.outLength * cols];
        for (int y = 0; y < w.outLength; y++) {
            for (int t = 0; t < w.taps; t++) {
                double weight = w.weight[y * w.taps + t];
                if (weight == 0) {
                    continue;
                }
                int from = w.index[y * w.taps + t] * cols;
                for (int x = 0; x < cols; x++) {
                    out[y * cols + x] += weight * src[from + x];
                }
            }
        }
        return out;
    }

    private static double[] alongCols(double[] src, int rows, int cols, Weights w) {
        int n = w.outLength;
        double[] out = new double[rows * n];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int t = 0; t < w.taps; t++) {
                    s += w.weight[x * w.taps + t] * src[y * cols + w.index[x * w.taps + t]];
                }
                out[y * n + x] = s;
            }
        }
        return out;
    }

    /** MATLAB's {@code contributions}: per output sample, the input indices and their weights. */
    private record Weights(int outLength, int taps, int[] index, double[] weight) {
        static Weights of(int in, int out) {
            double scale = (double) out / in;
            boolean shrink = scale < 1;
            double width = shrink ? 2 / scale : 2;
            int taps = (int) Math.ceil(width) + 2;
            int[] index = new int[out * taps];
            double[] weight = new double[out * taps];
            for (int x = 1; x <= out; x++) {
                double u = x / scale + 0.5 * (1 - 1 / scale);
                double left = Math.floor(u - width / 2);
                double sum = 0;
                for (int t = 0; t < taps; t++) {
                    double d = u - (left + t);
                    double k = shrink ? scale * triangle(scale * d) : triangle(d);
                    weight[(x - 1) * taps + t] = k;
                    sum += k;
                    index[(x - 1) * taps + t] = mirror((int) left + t - 1, in);
                }
                for (int t = 0; t < taps; t++) {
                    weight[(x - 1) * taps + t] /= sum;
                }
            }
            return new Weights(out, taps, index, weight);
        }

        private static double triangle(double d) { return Math.max(0, 1 - Math.abs(d)); }

        /** A 0-based index mirrored into [0, n) with the edge sample repeated (MATLAB's symmetric). */
        private static int mirror(int i, int n) {
            return org.convkit.filters.border.BorderMode.REFLECT.index(i, n);
        }
    }
}
