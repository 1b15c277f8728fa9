package org.convkit.cli.baseline;

import java.util.Arrays;
import org.convkit.features.encode.DenseSiftEncoder;
import org.convkit.features.encode.SpatialPyramid;
import org.convkit.features.sift.DenseSiftParameters;
import picocli.CommandLine.Option;

/**
 * Options of the dsift-bovw and dsift-fv stages. Defaults follow {@link DenseSiftParameters#tinyImages()}
 * (bin sizes 3 and 4 fit a 28x28 image; PHOW's 4..10 do not) and, for the encoders, what fits the default
 * heap on the full Fashion-MNIST training set (see the help of {@code --clusters}).
 */
final class DenseSiftOptions {
    @Option(names = "--sizes", paramLabel = "S,S,..",
            description = "dsift: spatial bin sizes in pixels, one descriptor grid each (default: 3,4 for tiny images; PHOW uses 4,6,8,10).")
    String sizes;

    @Option(names = "--step", paramLabel = "PIXELS", description = "dsift: grid step (default: 2).")
    Integer step;

    @Option(names = "--fast", description = "dsift: flat window per bin (VLFeat's fast mode) instead of the Gaussian window.")
    boolean fast;

    @Option(names = "--rootsift", description = "dsift: RootSIFT (L1-normalise, then square root).")
    boolean rootSift;

    @Option(names = "--clusters", paramLabel = "K",
            description = "dsift: visual words (bovw, default 1024) or Gaussian components (fv, default 32).")
    Integer clusters;

    @Option(names = "--pca", paramLabel = "D",
            description = "dsift: project descriptors to D dimensions first, 0 for none (default: fv 32, bovw 0).")
    Integer pca;

    @Option(names = "--pyramid", paramLabel = "L,L,..",
            description = "dsift: spatial pyramid levels, 1,2 = whole image plus a 2x2 grid (default: 1,2).")
    String pyramid;

    @Option(names = "--descriptors", paramLabel = "N", defaultValue = "200000",
            description = "dsift: descriptors sampled from the training images to fit PCA and the vocabulary or mixture (default: ${DEFAULT-VALUE}).")
    int descriptors;

    DenseSiftParameters sift() {
        DenseSiftParameters p = DenseSiftParameters.tinyImages();
        if (sizes != null) {
            p = p.withSizes(ints(sizes, "--sizes"));
        }
        if (step != null) {
            p = p.withStep(step);
        }
        return p.withFast(fast).withRootSift(rootSift);
    }

    DenseSiftEncoder.Settings encoder(BaselineFeature f) {
        boolean fv = f == BaselineFeature.DSIFT_FV;
        DenseSiftEncoder.Settings d = fv ? DenseSiftEncoder.Settings.fisherDefaults() : DenseSiftEncoder.Settings.bagOfWordsDefaults();
        int k = clusters != null ? clusters : fv ? 32 : 1024;
        int dim = pca != null ? pca : fv ? 32 : 0;
        SpatialPyramid pyr = new SpatialPyramid(ints(pyramid == null ? "1,2" : pyramid, "--pyramid"));
        return new DenseSiftEncoder.Settings(d.kind(), k, dim, pyr, descriptors, d.seed(), d.maxIterations());
    }

    static int[] ints(String s, String option) {
        try {
            return Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes numbers separated by commas, got '" + s + "'");
        }
    }
}
