package org.convkit.filters.engine;

import org.convkit.filters.border.Border;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernel;
import org.convkit.filters.parallel.Parallel;

/**
 * The convolution engine: {@code dst(x, y) = sum_{i,j} k(i, j) * src(x + i - ax, y + j - ay)} with
 * samples outside the plane made up by a {@link Border}. Rank-1 kernels run as a vertical then a
 * horizontal 1-D pass; others directly. Both read the image in place: rows outside are mapped by
 * {@link BorderMode#index} (or folded into a constant bias), and only the columns whose window
 * crosses the left or right edge take the slow per-sample border rule. Rows are split into bands
 * over {@link Parallel}.
 */
public final class Correlator {
    /** Rows per band at least this many samples, so that tiny images stay on one thread. */
    private static final int MIN_BAND_SAMPLES = 1 << 15;

    private Correlator() {}

    /** Correlates {@code src} with {@code k} anchored at {@code (ax, ay)}, separably when {@code k} is rank 1. */
    public static Plane correlate(Plane src, Border border, Kernel k, int ax, int ay) {
        Plane out = new Plane(src.width(), src.height());
        correlate(src, border, k, ax, ay, out);
        return out;
    }

    /** As {@link #correlate(Plane, Border, Kernel, int, int)}, into {@code dst} (same size, not {@code src}). */
    public static void correlate(Plane src, Border border, Kernel k, int ax, int ay, Plane dst) {
        var sep = k.separable();
        if (sep.isPresent() && k.width() > 1 && k.height() > 1) {
            separable(src, border, sep.get().column(), sep.get().row(), ax, ay, dst);
        } else {
            direct(src, border, k, ax, ay, dst);
        }
    }

    private static void checkTarget(Plane src, Plane dst) {
        if (!src.sameSize(dst)) {
            throw new IllegalArgumentException("output " + dst + " differs in size from input " + src);
        }
        if (src.data() == dst.data()) {
            throw new IllegalArgumentException("a filter cannot write over its input");
        }
    }

    /** The 2-D path for any kernel: one tap per non-zero weight. */
    public static Plane direct(Plane src, Border border, Kernel k, int ax, int ay) {
        Plane out = new Plane(src.width(), src.height());
        direct(src, border, k, ax, ay, out);
        return out;
    }

    private static void direct(Plane src, Border border, Kernel k, int ax, int ay, Plane out) {
        checkAnchor(k.width(), k.height(), ax, ay);
        checkTarget(src, out);
        int w = src.width();
        int h = src.height();
        int kw = k.width();
        int kh = k.height();
        float[] kernel = k.weights();
        float[] in = src.data();
        float[] dst = out.data();
        BorderMode mode = border.mode();
        float c = border.constant();
        // Columns x in [x0, x1) see only in-image columns; the others go through the border rule.
        int x0 = Math.min(ax, w);
        int x1 = Math.max(x0, w - (kw - 1 - ax));
        Parallel.forRange(h, bandRows(w), (yFrom, yTo) -> {
            int[] offsets = new int[kw * kh];
            float[] weights = new float[kw * kh];
            for (int y = yFrom; y < yTo; y++) {
                int taps = 0;
                float bias = 0;
                for (int j = 0; j < kh; j++) {
                    int sy = mode.index(y + j - ay, h);
                    for (int i = 0; i < kw; i++) {
                        float wt = kernel[j * kw + i];
                        if (sy < 0) {
                            bias += wt * c;
                        } else if (wt != 0) {
                            offsets[taps] = sy * w + i - ax;
                            weights[taps++] = wt;
                        }
                    }
                }
                if (x1 > x0) {
                    TapSum.vector(in, offsets, weights, taps, bias, dst, y * w, x0, x1);
                }
                for (int x = 0; x < x0; x++) {
                    dst[y * w + x] = borderSample(src, border, kernel, kw, kh, ax, ay, x, y);
                }
                for (int x = x1; x < w; x++) {
                    dst[y * w + x] = borderSample(src, border, kernel, kw, kh, ax, ay, x, y);
                }
            }
        });
    }

    /**
     * The rank-1 path, {@code k(i, j) = column[j] * row[i]}: per output row, a vertical pass over the
     * image rows into a row buffer padded by the border rule, then a horizontal pass over that buffer.
     * Padding the vertically filtered row is exact because the border maps x and y independently (and
     * a constant border column filters to {@code c * sum(column)}).
     */
    public static Plane separable(Plane src, Border border, float[] column, float[] row, int ax, int ay) {
        Plane out = new Plane(src.width(), src.height());
        separable(src, border, column, row, ax, ay, out);
        return out;
    }

    private static void separable(Plane src, Border border, float[] column, float[] row, int ax, int ay, Plane out) {
        int kw = row.length;
        int kh = column.length;
        checkAnchor(kw, kh, ax, ay);
        checkTarget(src, out);
        int w = src.width();
        int h = src.height();
        float[] in = src.data();
        float[] dst = out.data();
        BorderMode mode = border.mode();
        float c = border.constant();
        double columnSum = 0;
        for (float v : column) {
            columnSum += v;
        }
        float constantColumn = (float) (c * columnSum);
        int[] rowOffsets = new int[kw];
        float[] rowWeights = new float[kw];
        int rowTaps = 0;
        for (int i = 0; i < kw; i++) {
            if (row[i] != 0) {
                rowOffsets[rowTaps] = i;
                rowWeights[rowTaps++] = row[i];
            }
        }
        int horizontalTaps = rowTaps;
        Parallel.forRange(h, bandRows(w), (yFrom, yTo) -> {
            float[] padded = new float[w + kw - 1];
            int[] offsets = new int[kh];
            float[] weights = new float[kh];
            for (int y = yFrom; y < yTo; y++) {
                int taps = 0;
                float bias = 0;
                for (int j = 0; j < kh; j++) {
                    int sy = mode.index(y + j - ay, h);
                    if (sy < 0) {
                        bias += column[j] * c;
                    } else if (column[j] != 0) {
                        offsets[taps] = sy * w;
                        weights[taps++] = column[j];
                    }
                }
                TapSum.vector(in, offsets, weights, taps, bias, padded, ax, 0, w);
                for (int p = 0; p < ax; p++) {
                    int sx = mode.index(p - ax, w);
                    padded[p] = sx < 0 ? constantColumn : padded[ax + sx];
                }
                for (int p = ax + w; p < w + kw - 1; p++) {
                    int sx = mode.index(p - ax, w);
                    padded[p] = sx < 0 ? constantColumn : padded[ax + sx];
                }
                TapSum.vector(padded, rowOffsets, rowWeights, horizontalTaps, 0f, dst, y * w, 0, w);
            }
        });
    }

    /** One output sample with every read through the border rule: the slow path for edge columns. */
    private static float borderSample(Plane src, Border border, float[] kernel, int kw, int kh, int ax, int ay, int x, int y) {
        float acc = 0;
        for (int j = 0; j < kh; j++) {
            for (int i = 0; i < kw; i++) {
                float wt = kernel[j * kw + i];
                if (wt != 0) {
                    acc += wt * border.sample(src, x + i - ax, y + j - ay);
                }
            }
        }
        return acc;
    }

    static int bandRows(int width) {
        return Math.max(1, MIN_BAND_SAMPLES / width);
    }

    private static void checkAnchor(int kw, int kh, int ax, int ay) {
        if (ax < 0 || ax >= kw || ay < 0 || ay >= kh) {
            throw new IllegalArgumentException("anchor (" + ax + ", " + ay + ") outside a " + kw + "x" + kh + " kernel");
        }
    }
}
