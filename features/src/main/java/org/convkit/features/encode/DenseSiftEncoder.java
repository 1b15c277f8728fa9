package org.convkit.features.encode;

import java.util.List;
import java.util.SplittableRandom;
import org.convkit.features.sift.DenseSift;
import org.convkit.features.sift.DenseSiftParameters;
import org.convkit.features.sift.Descriptors;
import org.convkit.features.state.ModelState;
import org.convkit.filters.image.Plane;
import org.convkit.filters.parallel.Parallel;
import org.convkit.filters.random.Shuffle;
import org.convkit.filters.vector.VectorOps;

/**
 * Image to vector through dense SIFT: descriptors ({@link DenseSift}), optionally projected by PCA,
 * then encoded ({@link BagOfWords} or {@link FisherVector}) over a {@link SpatialPyramid}. Fitting
 * draws up to {@code sampleDescriptors} descriptors spread evenly over the training images (all-zero,
 * low-contrast ones left out, since they carry no shape), fits the PCA and then the vocabulary or
 * mixture on the projected sample. Thread-safe once built.
 */
public final class DenseSiftEncoder {

    public enum Kind {
        BOVW, FISHER;

        public String label() { return this == BOVW ? "dsift-bovw" : "dsift-fv"; }
    }

    /**
     * How to fit the encoder.
     *
     * @param kind              bag of words or Fisher vector
     * @param clusters          words (BoVW, e.g. 1000) or Gaussian components (FV, e.g. 64)
     * @param pcaDimension      PCA output size, 0 for none (FV usually 64: decorrelates for the diagonal GMM)
     * @param pyramid           spatial pyramid levels
     * @param sampleDescriptors descriptors drawn from the training images to fit on
     * @param seed              seeds sampling, k-means++ and so the whole fit
     * @param maxIterations     k-means / EM iteration limit
     */
    public record Settings(Kind kind, int clusters, int pcaDimension, SpatialPyramid pyramid, int sampleDescriptors,
                           long seed, int maxIterations) {
        public Settings {
            if (clusters < 1 || pcaDimension < 0 || sampleDescriptors < clusters || maxIterations < 1) {
                throw new IllegalArgumentException("encoder settings out of range: " + clusters + " clusters, PCA "
                        + pcaDimension + ", " + sampleDescriptors + " sample descriptors, " + maxIterations + " iterations");
            }
        }

        /** Fisher vectors: 64 PCA dimensions, 64 components, no pyramid, 100,000 descriptors, 100 EM iterations. */
        public static Settings fisherDefaults() {
            return new Settings(Kind.FISHER, 64, 64, SpatialPyramid.NONE, 100_000, 1, 100);
        }

        /** Bag of words: 512 words on raw descriptors, no pyramid, 100,000 descriptors, 50 k-means iterations. */
        public static Settings bagOfWordsDefaults() {
            return new Settings(Kind.BOVW, 512, 0, SpatialPyramid.NONE, 100_000, 1, 50);
        }
    }

    private final DenseSift sift;
    private final Pca pca; // may be null
    private final DescriptorEncoder encoder;

    public DenseSiftEncoder(DenseSiftParameters siftParameters, Pca pca, DescriptorEncoder encoder) {
        this.sift = new DenseSift(siftParameters);
        this.pca = pca;
        this.encoder = encoder;
        int d = pca == null ? DenseSiftParameters.DIMENSION : pca.outputDimension();
        if (encoder.inputDimension() != d || (pca != null && pca.inputDimension() != DenseSiftParameters.DIMENSION)) {
            throw new IllegalArgumentException("encoder expects " + encoder.inputDimension() + "-D descriptors, gets " + d);
        }
    }

    public static DenseSiftEncoder fit(DenseSiftParameters siftParameters, Settings settings, List<Plane> images) {
        DenseSift sift = new DenseSift(siftParameters);
        int per = Math.max(1, (settings.sampleDescriptors() + images.size() - 1) / images.size());
        float[][] picked = new float[images.size()][];
        Parallel.forRange(images.size(), 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                picked[i] = sample(sift.extract(images.get(i)), per, new SplittableRandom(settings.seed() * 1_000_003L + i));
            }
        });
        int d = DenseSiftParameters.DIMENSION, total = 0;
        for (float[] p : picked) {
            total += p.length / d;
        }
        int n = Math.min(total, settings.sampleDescriptors());
        if (n < settings.clusters()) {
            throw new IllegalArgumentException("only " + n + " descriptors with contrast in the training images, fewer than "
                    + settings.clusters() + " clusters");
        }
        float[] data = new float[n * d];
        int at = 0;
        for (float[] p : picked) {
            int len = Math.min(p.length, data.length - at);
            System.arraycopy(p, 0, data, at, len);
            at += len;
        }
        Pca pca = null;
        if (settings.pcaDimension() > 0) {
            pca = Pca.fit(data, n, d, settings.pcaDimension());
            data = pca.project(data, n);
            d = settings.pcaDimension();
        }
        DescriptorEncoder enc = settings.kind() == Kind.BOVW
                ? BagOfWords.fit(data, n, d, settings.clusters(), settings.pyramid(), settings.seed(), settings.maxIterations())
                : FisherVector.fit(data, n, d, settings.clusters(), settings.pyramid(), settings.seed(), settings.maxIterations());
        return new DenseSiftEncoder(siftParameters, pca, enc);
    }

    /** Up to {@code per} random non-zero descriptors, row after row. */
    private static float[] sample(Descriptors desc, int per, SplittableRandom rng) {
        int d = desc.dimension();
        int[] keep = new int[desc.count()];
        int m = 0;
        for (int i = 0; i < desc.count(); i++) {
            if (VectorOps.squaredNorm(desc.data(), i * d, d) > 0) {
                keep[m++] = i;
            }
        }
        int take = Math.min(per, m);
        Shuffle.sampleFront(keep, m, take, rng);
        float[] out = new float[take * d];
        for (int i = 0; i < take; i++) {
            System.arraycopy(desc.data(), keep[i] * d, out, i * d, d);
        }
        return out;
    }

    public DenseSiftParameters siftParameters() { return sift.parameters(); }

    public int dimension() { return encoder.outputDimension(); }

    public DescriptorEncoder encoder() { return encoder; }

    /** The encoding of one gray image. */
    public float[] encode(Plane image) {
        Descriptors desc = sift.extract(image);
        if (pca != null) {
            desc = desc.withData(pca.outputDimension(), pca.project(desc.data(), desc.count()));
        }
        return encoder.encode(desc);
    }

    /** The encodings of many images, in order, spread over threads. */
    public float[][] encodeAll(List<Plane> images) {
        float[][] out = new float[images.size()][];
        Parallel.forRange(images.size(), 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = encode(images.get(i));
            }
        });
        return out;
    }

    public void exportTo(ModelState s, String prefix) {
        sift.parameters().toStrings().forEach((k, v) -> s.putString(prefix + "sift." + k, v));
        s.putString(prefix + "pca", Boolean.toString(pca != null));
        if (pca != null) {
            pca.exportTo(s, prefix + "pca.");
        }
        encoder.exportTo(s, prefix + "encoder.");
    }

    public static DenseSiftEncoder importFrom(ModelState s, String prefix) {
        DenseSiftParameters p = DenseSiftParameters.fromStrings(s.stringsUnder(prefix + "sift."));
        Pca pca = Boolean.parseBoolean(s.string(prefix + "pca")) ? Pca.importFrom(s, prefix + "pca.") : null;
        return new DenseSiftEncoder(p, pca, DescriptorEncoder.importFrom(s, prefix + "encoder."));
    }
}
