package org.convkit.features.pixels;

import org.convkit.features.FeatureExtractor;
import org.convkit.filters.image.FloatImage;

/**
 * The image's coarse intensity layout: the mean over square cells of {@code cell x cell} pixels (channels
 * averaged; as HOG's cells, the last rows and columns that fill no whole cell are left out), normalised
 * to sum to 1 (L1; a black image stays zero), row by row. HOG is contrast-normalised per block and so
 * throws away where the object's mass lies and how bright its parts are against each other, which is
 * what tells a shirt from a pullover as much as its edges do; this is that part, as a histogram over
 * the cells (so that a chi2 kernel map applies to it as to HOG).
 */
public final class PooledIntensity implements FeatureExtractor {
    private final int cell;

    public PooledIntensity(int cell) {
        if (cell < 1) {
            throw new IllegalArgumentException("the intensity cell must be at least 1 pixel, got " + cell);
        }
        this.cell = cell;
    }

    public int cell() { return cell; }

    @Override
    public int length(int width, int height, int channels) {
        int n = (width / cell) * (height / cell);
        if (n == 0) {
            throw new IllegalArgumentException(width + "x" + height + " image is smaller than one " + cell + "-pixel cell");
        }
        return n;
    }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        int w = image.width(), cols = w / cell, rows = image.height() / cell;
        int n = length(w, image.height(), image.channelCount());
        if (offset < 0 || offset + n > out.length) {
            throw new IllegalArgumentException("output too short for " + n + " intensity values");
        }
        double[] sums = new double[n];
        for (int k = 0; k < image.channelCount(); k++) {
            float[] d = image.channel(k).data();
            for (int y = 0; y < rows * cell; y++) {
                int base = (y / cell) * cols;
                for (int x = 0; x < cols * cell; x++) {
                    sums[base + x / cell] += d[y * w + x];
                }
            }
        }
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        for (int i = 0; i < n; i++) {
            out[offset + i] = total > 0 ? (float) (sums[i] / total) : 0f;
        }
    }
}
