package org.convkit.features.gist;

import java.util.Locale;
import org.convkit.features.FeatureExtractor;
import org.convkit.filters.image.FloatImage;

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
 * <p>
 * Step 5 runs on the Vector API FFT ({@link BatchedGabor}) unless {@link Fft#JTRANSFORMS} is chosen, in
 * the constructor or with the system property {@value Fft#PROPERTY}{@code =jtransforms}
 * ({@link JTransformsGabor}, one transform at a time: the reference both are tested against).
 */
public final class Gist implements FeatureExtractor {
    private final GistParameters p;
    private final Prefilter prefilter;
    private final GaborStage gabor;

    /** The FFT that step 5 runs on. */
    public enum Fft {
        /** {@code org.convkit.filters.fft.BatchedFft}, vectorised across transforms: the default. */
        VECTOR,
        /** JTransforms' {@code FloatFFT_1D}, one transform at a time. */
        JTRANSFORMS;

        /** The system property that chooses the FFT when the constructor does not: vector or jtransforms. */
        public static final String PROPERTY = "convkit.gist.fft";

        /** The FFT named by {@link #PROPERTY}, {@link #VECTOR} when it is unset. */
        public static Fft configured() {
            String v = System.getProperty(PROPERTY, "vector");
            try {
                return valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " must be vector or jtransforms, got '" + v + "'", e);
            }
        }
    }

    /** GIST with the FFT of {@link Fft#configured()}. */
    public Gist(GistParameters parameters) { this(parameters, Fft.configured()); }

    public Gist(GistParameters parameters, Fft fft) {
        if (parameters.size() % 2 != 0) {
            throw new IllegalArgumentException("GIST size must be even (LMgist's frequency grids assume it), got "
                    + parameters.size());
        }
        this.p = parameters;
        int padded = parameters.size() + 2 * parameters.boundary();
        GaborBank bank = new GaborBank(parameters.orientationsPerScale(), padded);
        BlockGrid grid = new BlockGrid(parameters.size(), parameters.blocks());
        this.prefilter = new Prefilter(parameters.size(), parameters.fc());
        this.gabor = fft == Fft.JTRANSFORMS
                ? new JTransformsGabor(parameters.size(), parameters.boundary(), bank, grid)
                : new BatchedGabor(parameters.size(), parameters.boundary(), bank, grid);
    }

    public GistParameters parameters() { return p; }

    @Override
    public int length(int width, int height, int channels) { return p.length(); }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        double[][] channels = squareChannels(image);
        scaleTo255(channels);
        prefilter.apply(channels);
        int o = offset;
        for (double[] channel : channels) {
            o = gabor.apply(channel, out, o);
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
}
