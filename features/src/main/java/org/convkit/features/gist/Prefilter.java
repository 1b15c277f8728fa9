package org.convkit.features.gist;

import org.convkit.filters.border.BorderMode;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * LMgist's {@code prefilt}: {@code log(1 + I)}; symmetric padding by 5 pixels (then to an even
 * square); whitening {@code I - lowpass(I)} with the Gaussian transfer function
 * {@code exp(-(fx^2 + fy^2) / s1^2)}, {@code s1 = fc / sqrt(log 2)}; local contrast normalisation by
 * {@code 0.2 + sqrt(|lowpass(mean_c(I)^2)|)}; crop back. Channels share the contrast normaliser.
 */
final class Prefilter {
    private static final int PAD = 5;

    private Prefilter() {}

    /** Filters the {@code size x size} channels in place. */
    static void apply(double[][] channels, int size, double fc) {
        int sn = size + 2 * PAD;
        int n = sn + sn % 2;
        double s1 = fc / Math.sqrt(Math.log(2));
        double[] gf = new double[n * n];
        for (int ky = 0; ky < n; ky++) {
            double fy = GaborBank.frequency(ky, n);
            for (int kx = 0; kx < n; kx++) {
                double fx = GaborBank.frequency(kx, n);
                gf[ky * n + kx] = Math.exp(-(fx * fx + fy * fy) / (s1 * s1));
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(n, n);
        int[] map = paddedIndex(size, sn, n);
        double[][] white = new double[channels.length][];
        double[] meanSquare = new double[2 * n * n];
        for (int c = 0; c < channels.length; c++) {
            double[] img = new double[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    img[y * n + x] = Math.log1p(channels[c][map[y] * size + map[x]]);
                }
            }
            double[] low = lowpass(img, gf, fft, n);
            double[] w = new double[n * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = img[i] - low[2 * i];
                meanSquare[2 * i] += w[i] / channels.length;
            }
            white[c] = w;
        }
        for (int i = 0; i < n * n; i++) {
            meanSquare[2 * i] *= meanSquare[2 * i];
        }
        fft.complexForward(meanSquare);
        for (int i = 0; i < n * n; i++) {
            meanSquare[2 * i] *= gf[i];
            meanSquare[2 * i + 1] *= gf[i];
        }
        fft.complexInverse(meanSquare, true);
        for (int c = 0; c < channels.length; c++) {
            double[] w = white[c];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int i = (y + PAD) * n + x + PAD;
                    double localStd = Math.sqrt(Math.hypot(meanSquare[2 * i], meanSquare[2 * i + 1]));
                    channels[c][y * size + x] = w[i] / (0.2 + localStd);
                }
            }
        }
    }

    /** Complex lowpass of a real n x n image; the result interleaved (re, im). */
    private static double[] lowpass(double[] img, double[] gf, DoubleFFT_2D fft, int n) {
        double[] a = new double[2 * n * n];
        for (int i = 0; i < n * n; i++) {
            a[2 * i] = img[i];
        }
        fft.complexForward(a);
        for (int i = 0; i < n * n; i++) {
            a[2 * i] *= gf[i];
            a[2 * i + 1] *= gf[i];
        }
        fft.complexInverse(a, true);
        return a;
    }

    /**
     * Source row (or column) of each padded index: symmetric padding by {@link #PAD}, then, when the
     * padded side {@code sn} is odd, one more row mirrored from the padded image's end (MATLAB's
     * {@code padarray(..., 'symmetric', 'post')}).
     */
    private static int[] paddedIndex(int size, int sn, int n) {
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            int j = BorderMode.REFLECT.index(i, sn);
            map[i] = BorderMode.REFLECT.index(j - PAD, size);
        }
        return map;
    }
}
