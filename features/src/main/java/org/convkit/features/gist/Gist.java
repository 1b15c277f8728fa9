package org.convkit.features.gist;

import org.convkit.features.FeatureExtractor;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.FloatImage;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The GIST descriptor of Oliva &amp; Torralba (IJCV 2001), step for step as the LabelMe toolbox's
 * {@code LMgist} computes it:
 * <ol>
 * <li>gray by averaging the channels ({@link GistParameters#color()}: keep R, G, B, the LEAR C variant);</li>
 * <li>resize and centre-crop to a {@code size x size} square ({@link ResizeCrop});</li>
 * <li>{@code I - min}, then {@code 255 I / max} (over all channels; a constant image stays 0);</li>
 * <li>prefilter ({@link Prefilter}): {@code log(1 + I)}, whitening, local contrast normalisation;</li>
 * <li>per channel: symmetric extension by {@code boundary}, FFT, and for every filter of the
 *     {@link GaborBank} the magnitude of the inverse FFT of the product, cropped back, averaged over a
 *     {@code blocks x blocks} grid with edges {@code fix(linspace(0, size, blocks + 1))}.</li>
 * </ol>
 * Order of the output: channel, then filter (scale by scale, orientations within a scale), then the
 * block means in column-major order (the block row index varies fastest), as LMgist's
 * {@code reshape(v, [W N])}.
 */
public final class Gist implements FeatureExtractor {
    private final GistParameters p;
    private final GaborBank bank;
    private final int padded;
    private final Prefilter prefilter;
    private final ThreadLocal<Workspace> workspace;
    /** Rows of the inverse row transforms gathered at a time: 8 complex floats make a cache line. */
    private static final int TILE = 8;

    public Gist(GistParameters parameters) {
        if (parameters.size() % 2 != 0) {
            throw new IllegalArgumentException("GIST size must be even (LMgist's frequency grids assume it), got "
                    + parameters.size());
        }
        this.p = parameters;
        this.padded = parameters.size() + 2 * parameters.boundary();
        this.bank = new GaborBank(parameters.orientationsPerScale(), padded);
        this.prefilter = new Prefilter(parameters.size(), parameters.fc());
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(padded, parameters.size(), parameters.blocks()));
    }

    public GistParameters parameters() { return p; }

    @Override
    public int length(int width, int height, int channels) { return p.length(); }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        double[][] channels = squareChannels(image);
        scaleTo255(channels);
        prefilter.apply(channels);
        Workspace ws = workspace.get();
        int o = offset;
        for (double[] channel : channels) {
            o = gabor(channel, ws, out, o);
        }
    }

    /** Steps 1 and 2: the gray (or the three colour) channels resized and cropped to the square. */
    private double[][] squareChannels(FloatImage image) {
        int w = image.width();
        int h = image.height();
        int n = image.channelCount();
        double[][] src;
        if (p.color()) {
            src = new double[3][];
            for (int c = 0; c < 3; c++) {
                src[c] = toDouble(image.channel(Math.min(c, n - 1)).data());
            }
        } else {
            double[] gray = new double[w * h];
            for (int c = 0; c < n; c++) {
                float[] d = image.channel(c).data();
                for (int i = 0; i < gray.length; i++) {
                    gray[i] += d[i];
                }
            }
            for (int i = 0; i < gray.length; i++) {
                gray[i] /= n;
            }
            src = new double[][] {gray};
        }
        double[][] out = new double[src.length][];
        for (int c = 0; c < src.length; c++) {
            out[c] = ResizeCrop.apply(src[c], h, w, p.size());
        }
        return out;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Step 3: {@code I - min(I)}, then {@code 255 I / max}, the extremes taken over every channel. */
    private static void scaleTo255(double[][] channels) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] c : channels) {
            for (double v : c) {
                min = Math.min(min, v);
            }
        }
        double max = 0;
        for (double[] c : channels) {
            for (int i = 0; i < c.length; i++) {
                c[i] -= min;
                max = Math.max(max, c[i]);
            }
        }
        if (max > 0) { // LMgist would divide 0 by 0 on a constant image; it stays 0 here
            double k = 255 / max;
            for (double[] c : channels) {
                for (int i = 0; i < c.length; i++) {
                    c[i] *= k;
                }
            }
        }
    }

    /**
     * Step 5 for one prefiltered channel; returns the next output offset. In float, with 1-D FFTs so
     * that each filter's inverse transform skips what cannot matter: the columns of the product
     * spectrum where the filter is negligible ({@link GaborBank#columns}) and the rows of the result
     * that the crop drops.
     */
    private int gabor(double[] channel, Workspace ws, float[] out, int o) {
        int s = p.size();
        int be = p.boundary();
        int n = padded;
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
        int nb = p.blocks();
        float[] work = ws.work; // [kx][y] after the column transforms
        float[] rows = ws.rows;
        double[] sums = ws.blockSums;
        for (int l = 0; l < bank.filterCount(); l++) {
            float[] g = bank.transposed[l];
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
                    int blockRow = ws.blockOf[y0 + j - be] * nb;
                    for (int bx = 0; bx < nb; bx++) {
                        sums[blockRow + bx] += Magnitudes.sum(rows, r + 2 * (be + ws.edges[bx]),
                                ws.edges[bx + 1] - ws.edges[bx]);
                    }
                }
            }
            for (int bx = 0; bx < nb; bx++) { // column-major: the block row index varies fastest
                for (int by = 0; by < nb; by++) {
                    out[o + bx * nb + by] = (float) (sums[by * nb + bx] / ws.blockArea[by * nb + bx]);
                }
            }
            o += nb * nb;
        }
        return o;
    }

    /** MATLAB's {@code fix(linspace(0, size, blocks + 1))}. */
    static int[] blockEdges(int size, int blocks) {
        int[] e = new int[blocks + 1];
        double step = (double) size / blocks;
        for (int k = 0; k < blocks; k++) {
            e[k] = (int) (k * step);
        }
        e[blocks] = size;
        return e;
    }

    /** Per-thread FFT plan and buffers: JTransforms plans are not shared between threads here. */
    private static final class Workspace {
        final FloatFFT_1D fft;
        final float[] spectrum;
        final float[] work;
        final float[] line;
        final float[] rows;
        final double[] blockSums;
        /** Block index of each row (or column) of the crop. */
        final int[] blockOf;
        final int[] edges;
        final double[] blockArea;

        Workspace(int n, int size, int blocks) {
            fft = new FloatFFT_1D(n);
            spectrum = new float[2 * n * n];
            work = new float[2 * n * n];
            line = new float[2 * n];
            rows = new float[TILE * 2 * n];
            blockSums = new double[blocks * blocks];
            edges = blockEdges(size, blocks);
            blockOf = new int[size];
            for (int b = 0; b < blocks; b++) {
                for (int i = edges[b]; i < edges[b + 1]; i++) {
                    blockOf[i] = b;
                }
            }
            blockArea = new double[blocks * blocks];
            for (int by = 0; by < blocks; by++) {
                for (int bx = 0; bx < blocks; bx++) {
                    blockArea[by * blocks + bx] = (double) (edges[by + 1] - edges[by]) * (edges[bx + 1] - edges[bx]);
                }
            }
        }
    }

    static {
        // convkit spreads images over threads itself; JTransforms must not start its own pool per FFT.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }
}
