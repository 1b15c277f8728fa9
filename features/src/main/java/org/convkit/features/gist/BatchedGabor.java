package org.convkit.features.gist;

import java.util.Arrays;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.fft.BatchedFft;

/**
 * {@link GaborStage} with {@link BatchedFft}: every 1-D transform is done a strip of {@code W}
 * neighbouring columns at a time, so that a vector holds the same element of several transforms.
 * <p>
 * Layout: an {@code n x n} array is stored by strips of W columns, each strip a contiguous
 * {@code n x W} block (strip t, row i, column {@code t W + c} at {@code t n W + i W + c}), so that a
 * transform batch reads whole cache lines in order, and a transposition is a set of contiguous
 * {@code W x W} block transpositions. Real and imaginary parts are separate arrays.
 * <ol>
 * <li>Forward: the extended image is written transposed ({@code [x][y]}), transformed along x,
 *     transposed back and transformed along y: the spectrum {@code S[ky][kx]}.</li>
 * <li>Per filter: the inverse transforms along ky of {@code S G} in the strips of kx where the filter is
 *     not negligible ({@link GaborBank#columns}): {@code T[y][kx]}.</li>
 * <li>Per strip of W cropped rows y: those rows of T transposed ({@code [kx][y]}, the other columns 0;
 *     {@link BlockTranspose}), inverse transforms along kx, and the magnitudes of the cropped x summed per
 *     block, one lane per row y ({@link Magnitudes#columnSums}).</li>
 * </ol>
 */
final class BatchedGabor implements GaborStage {
    private final int size;
    private final int boundary;
    private final int n;
    private final int filters;
    private final BlockGrid grid;
    /** W: one vector of lanes, so that each stage passes over each row of a strip once. */
    private final int strip;
    private final int strips;
    /** {@code source[i]}: the crop's row (or column) that row i of the extended image repeats. */
    private final int[] source;
    /** {@code active[l][t]}: strip t of columns holds a column where filter l is not negligible. */
    private final boolean[][] active;
    /** The bank by strips of columns kx; null for the inactive strips. */
    private final float[][][] transfer;
    private final ThreadLocal<Workspace> workspace;

    BatchedGabor(int size, int boundary, GaborBank bank, BlockGrid grid) {
        this.size = size;
        this.boundary = boundary;
        this.n = bank.n;
        this.filters = bank.filterCount();
        this.grid = grid;
        this.strip = BatchedFft.vectorLanes();
        this.strips = (n + strip - 1) / strip;
        source = new int[n];
        for (int i = 0; i < n; i++) {
            source[i] = BorderMode.REFLECT.index(i - boundary, size);
        }
        active = new boolean[filters][strips];
        transfer = new float[filters][strips][];
        for (int l = 0; l < filters; l++) {
            for (int kx : bank.columns[l]) {
                active[l][kx / strip] = true;
            }
            for (int t = 0; t < strips; t++) {
                if (active[l][t]) {
                    float[] g = new float[n * strip];
                    for (int ky = 0; ky < n; ky++) {
                        for (int c = 0; c < width(t); c++) {
                            g[ky * strip + c] = bank.transfer[l][ky * n + t * strip + c];
                        }
                    }
                    transfer[l][t] = g;
                }
            }
        }
        workspace = ThreadLocal.withInitial(() -> new Workspace(n, strip, strips, grid.blocks));
    }

    /** Columns in strip t (the last one may be narrower). */
    private int width(int t) { return Math.min(strip, n - t * strip); }

    @Override
    public int apply(double[] channel, float[] out, int o) {
        Workspace ws = workspace.get();
        spectrum(channel, ws);
        for (int l = 0; l < filters; l++) {
            o = filter(l, ws, out, o);
        }
        return o;
    }

    /** Step 1: {@code ws.sr + i ws.si = S[ky][kx]}, the 2-D DFT of the extended channel. */
    private void spectrum(double[] channel, Workspace ws) {
        float[] xr = ws.tr;
        float[] xi = ws.ti;
        int block = n * strip;
        for (int t = 0; t < strips; t++) { // X[x][y], strips of y; each y reads one row of the channel
            for (int c = 0; c < width(t); c++) {
                int row = source[t * strip + c] * size;
                for (int x = 0; x < n; x++) {
                    xr[t * block + x * strip + c] = (float) channel[row + source[x]];
                }
            }
        }
        Arrays.fill(xi, 0f);
        for (int t = 0; t < strips; t++) {
            ws.fft.forward(xr, xi, t * block, strip, width(t));
        }
        for (int t = 0; t < strips; t++) { // strip t of X (columns y) holds rows y of S's strips
            for (int u = 0; u < strips; u++) {
                transposeBlock(xr, t * block + u * strip * strip, width(u), width(t), ws.sr, u * block + t * strip * strip);
                transposeBlock(xi, t * block + u * strip * strip, width(u), width(t), ws.si, u * block + t * strip * strip);
            }
        }
        for (int t = 0; t < strips; t++) {
            ws.fft.forward(ws.sr, ws.si, t * block, strip, width(t));
        }
    }

    private void transposeBlock(float[] src, int so, int rows, int cols, float[] dst, int dof) {
        BlockTranspose.transpose(src, so, rows, cols, strip, dst, dof);
    }

    /** Steps 2 and 3 for filter l; returns the next output offset. */
    private int filter(int l, Workspace ws, float[] out, int o) {
        boolean[] on = active[l];
        int block = n * strip;
        for (int t = 0; t < strips; t++) {
            if (on[t]) { // 1/n^2 is in the bank
                ws.fft.inverse(ws.sr, ws.si, t * block, strip, transfer[l][t], 0, strip, ws.tr, ws.ti, t * block, strip, width(t));
            }
        }
        double[] sums = ws.blockSums;
        Arrays.fill(sums, 0);
        float[] ur = ws.ur;
        float[] ui = ws.ui;
        float[] laneSums = ws.laneSums;
        int nb = grid.blocks;
        for (int t = 0; t < strips; t++) { // the gathered rows of inactive strips stay 0 (the input is kept)
            if (!on[t] && ws.gathered[t]) {
                Arrays.fill(ur, t * strip * strip, (t * strip + width(t)) * strip, 0f);
                Arrays.fill(ui, t * strip * strip, (t * strip + width(t)) * strip, 0f);
            }
            ws.gathered[t] = on[t];
        }
        for (int y0 = 0; y0 < size; y0 += strip) {
            int h = Math.min(strip, size - y0);
            int rows = (boundary + y0) * strip;
            for (int t = 0; t < strips; t++) { // ur[kx][j] = T[boundary + y0 + j][kx]
                if (on[t]) {
                    transposeBlock(ws.tr, t * block + rows, h, width(t), ur, t * strip * strip);
                    transposeBlock(ws.ti, t * block + rows, h, width(t), ui, t * strip * strip);
                }
            }
            ws.fft.inverse(ur, ui, 0, strip, null, 0, 0, ws.vr, ws.vi, 0, strip, h);
            for (int bx = 0; bx < nb; bx++) {
                int x0 = boundary + grid.edges[bx];
                Magnitudes.columnSums(ws.vr, ws.vi, x0 * strip, strip, grid.edges[bx + 1] - grid.edges[bx], h, laneSums);
                for (int j = 0; j < h; j++) {
                    sums[grid.blockOf[y0 + j] * nb + bx] += laneSums[j];
                }
            }
        }
        return grid.writeMeans(sums, out, o);
    }

    /** Per-thread FFT plan and buffers. */
    private static final class Workspace {
        final BatchedFft fft;
        final float[] sr;
        final float[] si;
        final float[] tr;
        final float[] ti;
        final float[] ur;
        final float[] ui;
        final float[] vr;
        final float[] vi;
        /** Strips of kx whose rows of ur hold gathered values (the others are 0). */
        final boolean[] gathered;
        final float[] laneSums;
        final double[] blockSums;

        Workspace(int n, int strip, int strips, int blocks) {
            fft = new BatchedFft(n);
            int size = strips * n * strip;
            sr = new float[size];
            si = new float[size];
            tr = new float[size];
            ti = new float[size];
            ur = new float[n * strip];
            ui = new float[n * strip];
            vr = new float[n * strip];
            vi = new float[n * strip];
            gathered = new boolean[strips];
            laneSums = new float[strip];
            blockSums = new double[blocks * blocks];
        }
    }
}
