package org.convkit.features.gist;

import org.convkit.filters.border.BorderMode;

/**
 * LMgist's {@code prefilt}: {@code log(1 + I)}; symmetric padding by 5 pixels (then to an even
 * square); whitening {@code I - lowpass(I)} with the Gaussian transfer function
 * {@code exp(-(fx^2 + fy^2) / s1^2)}, {@code s1 = fc / sqrt(log 2)}; local contrast normalisation by
 * {@code 0.2 + sqrt(|lowpass(mean_c(I)^2)|)}; crop back. Channels share the contrast normaliser.
 * The low-pass ({@link GaussianLowpass}) is made once per size and reused.
 */
final class Prefilter {
    private static final int PAD = 5;

    private final int size;
    private final int n;
    private final int[] map;
    private final GaussianLowpass lowpass;

    Prefilter(int size, double fc) {
        this.size = size;
        int sn = size + 2 * PAD;
        this.n = sn + sn % 2;
        this.map = paddedIndex(size, sn, n);
        this.lowpass = new GaussianLowpass(n, fc / Math.sqrt(Math.log(2)));
    }

    /** Filters the {@code size x size} channels in place. */
    void apply(double[][] channels) {
        double[][] white = new double[channels.length][];
        double[] meanSquare = new double[n * n];
        double[] img = new double[n * n];
        double[] low = new double[n * n];
        double[] logs = new double[size * size];
        for (int c = 0; c < channels.length; c++) {
            double[] ch = channels[c];
            for (int i = 0; i < logs.length; i++) {
                // log(1 + I): I is in [0, 255], so 1 + I loses nothing that matters and Math.log is
                // an intrinsic (Math.log1p is not: it was a tenth of the GIST time)
                logs[i] = Math.log(1 + ch[i]);
            }
            for (int y = 0; y < n; y++) {
                int row = map[y] * size;
                for (int x = 0; x < n; x++) {
                    img[y * n + x] = logs[row + map[x]];
                }
            }
            lowpass.apply(img, low, 0, n, 0, n);
            double[] w = new double[n * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = img[i] - low[i];
                meanSquare[i] += w[i] / channels.length;
            }
            white[c] = w;
        }
        for (int i = 0; i < n * n; i++) {
            meanSquare[i] *= meanSquare[i];
        }
        lowpass.apply(meanSquare, low, PAD, PAD + size, PAD, PAD + size);
        for (int c = 0; c < channels.length; c++) {
            double[] w = white[c];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int i = (y + PAD) * n + x + PAD;
                    double localStd = Math.sqrt(Math.abs(low[i]));
                    channels[c][y * size + x] = w[i] / (0.2 + localStd);
                }
            }
        }
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
