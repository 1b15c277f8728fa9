package org.convkit.features.gist;

import java.util.Arrays;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.fft.BatchedFft;

/**
 * {@link GaborStage} with {@link BatchedFft}: every 1-D transform is done a strip of neighbouring
 * columns at a time, so that a vector holds the same element of several transforms. All arrays are
 * {@code n x n}, row-major, real and imaginary parts apart.
 * <ol>
 * <li>Forward: the extended image is written transposed ({@code [x][y]}), transformed down its columns
 *     (along x), transposed back and transformed down its columns (along y): the spectrum
 *     {@code S[ky][kx]}.</li>
 * <li>Per filter: {@code S G} in the strips of columns kx where the filter is not negligible
 *     ({@link GaborBank#columns}), inverse transforms down those columns: {@code T[y][kx]}.</li>
 * <li>Per strip of cropped rows y: those rows of T gathered transposed ({@code [kx][y]}, the other
 *     columns 0), inverse transforms along kx, and the magnitudes of the cropped x summed per block,
 *     one lane per row y ({@link Magnitudes#columnSums}).</li>
 * </ol>
 */
final class BatchedGabor implements GaborStage {
    private final int size;
    private final int boundary;
    private final int n;
    private final GaborBank bank;
    private final BlockGrid grid;
    /** Columns per strip: whole vectors, two of them to share each broadcast twiddle. */
    private final int strip;
    /** {@code source[i]}: the crop's row (or column) that row i of the extended image repeats. */
    private final int[] source;
    /** {@code active[l][t]}: strip t of columns holds a column where filter l is not negligible. */
    private final boolean[][] active;
    private final ThreadLocal<Workspace> workspace;

    BatchedGabor(int size, int boundary, GaborBank bank, BlockGrid grid) {
        this.size = size;
        this.boundary = boundary;
        this.n = bank.n;
        this.bank = bank;
        this.grid = grid;
        this.strip = 2 * BatchedFft.vectorLanes();
        source = new int[n];
        for (int i = 0; i < n; i++) {
            source[i] = BorderMode.REFLECT.index(i - boundary, size);
        }
        int strips = (n + strip - 1) / strip;
        active = new boolean[bank.filterCount()][strips];
        for (int l = 0; l < active.length; l++) {
            for (int kx : bank.columns[l]) {
                active[l][kx / strip] = true;
            }
        }
        workspace = ThreadLocal.withInitial(() -> new Workspace(n, strip, grid.blocks));
    }

    @Override
    public int apply(double[] channel, float[] out, int o) {
        Workspace ws = workspace.get();
        spectrum(channel, ws);
        for (int l = 0; l < bank.filterCount(); l++) {
            o = filter(l, ws, out, o);
        }
        return o;
    }

    /** Step 1: {@code ws.sr + i ws.si = S[ky][kx]}, the 2-D DFT of the extended channel. */
    private void spectrum(double[] channel, Workspace ws) {
        float[] xr = ws.tr;
        float[] xi = ws.ti;
        for (int x = 0; x < n; x++) {
            int column = source[x];
            for (int y = 0; y < n; y++) {
                xr[x * n + y] = (float) channel[source[y] * size + column];
            }
        }
        Arrays.fill(xi, 0f);
        for (int c0 = 0; c0 < n; c0 += strip) {
            ws.fft.forward(xr, xi, c0, n, Math.min(strip, n - c0));
        }
        transpose(xr, ws.sr, n);
        transpose(xi, ws.si, n);
        for (int c0 = 0; c0 < n; c0 += strip) {
            ws.fft.forward(ws.sr, ws.si, c0, n, Math.min(strip, n - c0));
        }
    }

    /** {@code b[j][i] = a[i][j]} for {@code n x n} arrays, in tiles that stay in cache. */
    static void transpose(float[] a, float[] b, int n) {
        int tile = 16;
        for (int i0 = 0; i0 < n; i0 += tile) {
            int i1 = Math.min(n, i0 + tile);
            for (int j0 = 0; j0 < n; j0 += tile) {
                int j1 = Math.min(n, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        b[j * n + i] = a[i * n + j];
                    }
                }
            }
        }
    }

    /** Steps 2 and 3 for filter l; returns the next output offset. */
    private int filter(int l, Workspace ws, float[] out, int o) {
        float[] g = bank.transfer[l];
        boolean[] on = active[l];
        float[] sr = ws.sr;
        float[] si = ws.si;
        float[] tr = ws.tr;
        float[] ti = ws.ti;
        for (int t = 0; t < on.length; t++) {
            if (!on[t]) {
                continue;
            }
            int c0 = t * strip;
            int w = Math.min(strip, n - c0);
            for (int row = c0; row < n * n; row += n) {
                for (int i = row; i < row + w; i++) {
                    tr[i] = sr[i] * g[i];
                    ti[i] = si[i] * g[i];
                }
            }
            ws.fft.inverse(tr, ti, c0, n, w); // 1/n^2 is in the bank
        }
        double[] sums = ws.blockSums;
        Arrays.fill(sums, 0);
        float[] ur = ws.ur;
        float[] ui = ws.ui;
        float[] laneSums = ws.laneSums;
        int nb = grid.blocks;
        int be = boundary;
        for (int y0 = 0; y0 < size; y0 += strip) {
            int h = Math.min(strip, size - y0);
            for (int t = 0; t < on.length; t++) {
                int c1 = Math.min(n, (t + 1) * strip);
                if (on[t]) { // gather: ur[kx][j] = T[be + y0 + j][kx]
                    for (int j = 0; j < h; j++) {
                        int from = (be + y0 + j) * n;
                        for (int kx = t * strip; kx < c1; kx++) {
                            ur[kx * strip + j] = tr[from + kx];
                            ui[kx * strip + j] = ti[from + kx];
                        }
                    }
                } else {
                    Arrays.fill(ur, t * strip * strip, c1 * strip, 0f);
                    Arrays.fill(ui, t * strip * strip, c1 * strip, 0f);
                }
            }
            ws.fft.inverse(ur, ui, 0, strip, h);
            for (int bx = 0; bx < nb; bx++) {
                int x0 = be + grid.edges[bx];
                Magnitudes.columnSums(ur, ui, x0 * strip, strip, grid.edges[bx + 1] - grid.edges[bx], h, laneSums);
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
        final float[] laneSums;
        final double[] blockSums;

        Workspace(int n, int strip, int blocks) {
            fft = new BatchedFft(n);
            sr = new float[n * n];
            si = new float[n * n];
            tr = new float[n * n];
            ti = new float[n * n];
            ur = new float[n * strip];
            ui = new float[n * strip];
            laneSums = new float[strip];
            blockSums = new double[blocks * blocks];
        }
    }
}
