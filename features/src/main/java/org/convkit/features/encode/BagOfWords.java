package org.convkit.features.encode;

import org.convkit.features.sift.Descriptors;
import org.convkit.features.state.ModelState;

/**
 * Bag of visual words (Sivic &amp; Zisserman 2003; Csurka et al. 2004): each descriptor votes for its
 * nearest word (hard assignment); per pyramid cell the histogram is L1-normalised then square-rooted
 * (the Hellinger map, so a linear SVM on it acts as a Hellinger-kernel SVM); the cells are concatenated
 * and scaled by {@code 1/sqrt(cells)} so the whole vector has unit L2 norm.
 */
public final class BagOfWords implements DescriptorEncoder {
    private final float[] words; // [k, d]
    private final float[] wordNorms;
    private final int k;
    private final int d;
    private final SpatialPyramid pyramid;

    public BagOfWords(float[] words, int k, SpatialPyramid pyramid) {
        if (k < 1 || words.length % k != 0) {
            throw new IllegalArgumentException("vocabulary of " + words.length + " values is not " + k + " words");
        }
        this.words = words.clone();
        this.k = k;
        this.d = words.length / k;
        this.pyramid = pyramid;
        this.wordNorms = KMeans.rowNorms(this.words, k, d);
    }

    /** Learns a {@code k}-word vocabulary by k-means++ on the {@code n} rows of {@code sample}. */
    public static BagOfWords fit(float[] sample, int n, int d, int k, SpatialPyramid pyramid, long seed, int maxIterations) {
        return new BagOfWords(KMeans.fit(sample, n, d, k, seed, maxIterations).centres(), k, pyramid);
    }

    public int words() { return k; }

    @Override
    public int inputDimension() { return d; }

    @Override
    public int outputDimension() { return Math.multiplyExact(k, pyramid.cellCount()); }

    @Override
    public float[] encode(Descriptors desc) {
        if (desc.dimension() != d) {
            throw new IllegalArgumentException("descriptors have " + desc.dimension() + " dimensions, the vocabulary " + d);
        }
        int cells = pyramid.cellCount();
        float[] h = new float[k * cells];
        int[] cellOf = new int[pyramid.levels().length];
        for (int i = 0; i < desc.count(); i++) {
            int w = KMeans.nearest(words, wordNorms, k, d, desc.data(), i * d);
            pyramid.cellsOf(desc.x()[i], desc.y()[i], desc.imageWidth(), desc.imageHeight(), cellOf);
            for (int c : cellOf) {
                h[c * k + w] += 1;
            }
        }
        float scale = (float) (1 / Math.sqrt(cells));
        for (int c = 0; c < cells; c++) {
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += h[c * k + j];
            }
            for (int j = 0; j < k; j++) {
                h[c * k + j] = total == 0 ? 0 : (float) Math.sqrt(h[c * k + j] / total) * scale;
            }
        }
        return h;
    }

    @Override
    public void exportTo(ModelState s, String prefix) {
        s.putString(prefix + "kind", "bovw");
        s.putString(prefix + "pyramid", pyramid.format());
        s.putArray(prefix + "words", words.clone(), k, d);
    }

    static BagOfWords importFrom(ModelState s, String prefix) {
        ModelState.Array w = s.array(prefix + "words");
        if (w.shape().length != 2) {
            throw new IllegalArgumentException("array '" + prefix + "words' must be [words, dimension]");
        }
        return new BagOfWords(w.data(), w.shape()[0], SpatialPyramid.parse(s.string(prefix + "pyramid")));
    }
}
