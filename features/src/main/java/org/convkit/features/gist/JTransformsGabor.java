package org.convkit.features.gist;

import org.convkit.filters.border.BorderMode;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * {@link GaborStage} with JTransforms' {@code FloatFFT_1D}, one 1-D transform at a time: the reference
 * for {@link BatchedGabor} (selected with {@link Gist.Fft#JTRANSFORMS}). Each filter's inverse transform
 * skips what cannot matter: the columns of the product spectrum where the filter is negligible
 * ({@link GaborBank#columns}) and the rows of the result that the crop drops.
 */
final class JTransformsGabor implements GaborStage {
    /** Rows of the inverse row transforms gathered at a time: 8 complex floats make a cache line. */
    private static final int TILE = 8;

    private final int size;
    private final int boundary;
    private final int n;
    private final GaborBank bank;
    private final BlockGrid grid;
    /** The bank transposed ({@code [kx][ky]}, so that a frequency column is contiguous), each value twice. */
    private final float[][] transposed;
    private final ThreadLocal<Workspace> workspace;

    JTransformsGabor(int size, int boundary, GaborBank bank, BlockGrid grid) {
        this.size = size;
        this.boundary = boundary;
        this.n = bank.n;
        this.bank = bank;
        this.grid = grid;
        transposed = new float[bank.filterCount()][2 * n * n];
        for (int l = 0; l < transposed.length; l++) {
            for (int ky = 0; ky < n; ky++) {
                for (int kx = 0; kx < n; kx++) {
                    transposed[l][2 * (kx * n + ky)] = bank.transfer[l][ky * n + kx];
                    transposed[l][2 * (kx * n + ky) + 1] = bank.transfer[l][ky * n + kx];
                }
            }
        }
        workspace = ThreadLocal.withInitial(() -> new Workspace(n, grid.blocks));
    }

    @Override
    public int apply(double[] channel, float[] out, int o) {
        Workspace ws = workspace.get();
        int s = size;
        int be = boundary;
        int stride = 2 * n;
        float[] spectrum = ws.spectrum; // [kx][ky], complex interleaved
        float[] line = ws.line;
        for (int y = 0; y < n; y++) {
            int sy = BorderMode.REFLECT.index(y - be, s) * s;
            for (int x = 0; x < n; x++) {
                line[x] = (float) channel[sy + BorderMode.REFLECT.index(x - be, s)];
            }
            ws.fft.realForwardFull(line);
            for (int kx = 0; kx < n; kx++) {
                spectrum[kx * stride + 2 * y] = line[2 * kx];
                spectrum[kx * stride + 2 * y + 1] = line[2 * kx + 1];
            }
        }
        for (int kx = 0; kx < n; kx++) {
            ws.fft.complexForward(spectrum, kx * stride);
        }
        int nb = grid.blocks;
        float[] work = ws.work; // [kx][y] after the column transforms
        float[] rows = ws.rows;
        double[] sums = ws.blockSums;
        for (int l = 0; l < bank.filterCount(); l++) {
            float[] g = transposed[l];
            int[] columns = bank.columns[l];
            for (int kx : columns) {
                int base = kx * stride;
                for (int k = base; k < base + stride; k++) {
                    work[k] = spectrum[k] * g[k];
                }
                ws.fft.complexInverse(work, base, false); // 1/n^2 is in the bank
            }
            java.util.Arrays.fill(sums, 0);
            for (int y0 = be; y0 < be + s; y0 += TILE) {
                int t = Math.min(TILE, be + s - y0);
                java.util.Arrays.fill(rows, 0, t * stride, 0f);
                for (int kx : columns) { // gather t rows of the column results (one cache line per column)
                    int src = kx * stride + 2 * y0;
                    for (int j = 0; j < t; j++) {
                        rows[j * stride + 2 * kx] = work[src + 2 * j];
                        rows[j * stride + 2 * kx + 1] = work[src + 2 * j + 1];
                    }
                }
                for (int j = 0; j < t; j++) {
                    int r = j * stride;
                    ws.fft.complexInverse(rows, r, false);
                    int blockRow = grid.blockOf[y0 + j - be] * nb;
                    for (int bx = 0; bx < nb; bx++) {
                        sums[blockRow + bx] += Magnitudes.sum(rows, r + 2 * (be + grid.edges[bx]),
                                grid.edges[bx + 1] - grid.edges[bx]);
                    }
                }
            }
            o = grid.writeMeans(sums, out, o);
        }
        return o;
    }

    /** Per-thread FFT plan and buffers: JTransforms plans are not shared between threads here. */
    private static final class Workspace {
        final FloatFFT_1D fft;
        final float[] spectrum;
        final float[] work;
        final float[] line;
        final float[] rows;
        final double[] blockSums;

        Workspace(int n, int blocks) {
            fft = new FloatFFT_1D(n);
            spectrum = new float[2 * n * n];
            work = new float[2 * n * n];
            line = new float[2 * n];
            rows = new float[TILE * 2 * n];
            blockSums = new double[blocks * blocks];
        }
    }

    static {
        // convkit spreads images over threads itself; JTransforms must not start its own pool per FFT.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }
}
