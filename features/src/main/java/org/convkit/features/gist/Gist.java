package org.convkit.features.gist;

import org.convkit.features.FeatureExtractor;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.FloatImage;
import org.jtransforms.fft.DoubleFFT_2D;

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
    private final ThreadLocal<Workspace> workspace;

    public Gist(GistParameters parameters) {
        if (parameters.size() % 2 != 0) {
            throw new IllegalArgumentException("GIST size must be even (LMgist's frequency grids assume it), got "
                    + parameters.size());
        }
        this.p = parameters;
        this.padded = parameters.size() + 2 * parameters.boundary();
        this.bank = new GaborBank(parameters.orientationsPerScale(), padded);
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(padded));
    }

    public GistParameters parameters() { return p; }

    @Override
    public int length(int width, int height, int channels) { return p.length(); }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        int s = p.size();
        double[][] channels = squareChannels(image);
        scaleTo255(channels);
        Prefilter.apply(channels, s, p.fc());
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

    /** Step 5 for one prefiltered channel; returns the next output offset. */
    private int gabor(double[] channel, Workspace ws, float[] out, int o) {
        int s = p.size();
        int be = p.boundary();
        int n = padded;
        double[] spectrum = ws.spectrum;
        java.util.Arrays.fill(spectrum, 0);
        for (int y = 0; y < n; y++) {
            int sy = BorderMode.REFLECT.index(y - be, s);
            for (int x = 0; x < n; x++) {
                spectrum[2 * (y * n + x)] = channel[sy * s + BorderMode.REFLECT.index(x - be, s)];
            }
        }
        ws.fft.complexForward(spectrum);
        int nb = p.blocks();
        int[] edges = blockEdges(s, nb);
        double[] response = ws.response;
        double[] magnitude = ws.magnitude;
        for (double[] g : bank.transfer) {
            for (int k = 0, m = n * n; k < m; k++) {
                response[2 * k] = spectrum[2 * k] * g[k];
                response[2 * k + 1] = spectrum[2 * k + 1] * g[k];
            }
            ws.fft.complexInverse(response, true);
            for (int y = 0; y < s; y++) {
                int row = (y + be) * n + be;
                for (int x = 0; x < s; x++) {
                    double re = response[2 * (row + x)];
                    double im = response[2 * (row + x) + 1];
                    magnitude[y * s + x] = Math.sqrt(re * re + im * im);
                }
            }
            for (int bx = 0; bx < nb; bx++) { // column-major: the block row index varies fastest
                for (int by = 0; by < nb; by++) {
                    out[o + bx * nb + by] = (float) blockMean(magnitude, s, edges[by], edges[by + 1], edges[bx],
                            edges[bx + 1]);
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

    private static double blockMean(double[] m, int s, int r0, int r1, int c0, int c1) {
        double sum = 0;
        for (int y = r0; y < r1; y++) {
            for (int x = c0; x < c1; x++) {
                sum += m[y * s + x];
            }
        }
        return sum / ((r1 - r0) * (c1 - c0));
    }

    /** Per-thread FFT plan and buffers: JTransforms plans are not shared between threads here. */
    private static final class Workspace {
        final DoubleFFT_2D fft;
        final double[] spectrum;
        final double[] response;
        final double[] magnitude;

        Workspace(int n) {
            fft = new DoubleFFT_2D(n, n);
            spectrum = new double[2 * n * n];
            response = new double[2 * n * n];
            magnitude = new double[n * n];
        }
    }

    static {
        // convkit spreads images over threads itself; JTransforms must not start its own pool per FFT.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }
}
