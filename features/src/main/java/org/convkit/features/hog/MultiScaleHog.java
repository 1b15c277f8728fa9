package org.convkit.features.hog;

import java.util.List;
import org.convkit.features.FeatureExtractor;
import org.convkit.filters.image.FloatImage;

/**
 * Several HOG descriptors of the same image, one per parameter set (typically the same orientations and
 * blocks at several cell sizes), concatenated in the order given: a spatial pyramid of HOG, as Bosch et
 * al.'s PHOG (CIVR 2007) concatenates gradient histograms over finer and coarser grids. Each part is
 * exactly {@link Hog}'s vector (so scikit-image's), nothing is re-weighted: fine cells see local shape,
 * coarse cells tolerate a few pixels of misalignment. With one parameter set it is {@link Hog}.
 */
public final class MultiScaleHog implements FeatureExtractor {
    private final List<Hog> parts;

    public MultiScaleHog(List<HogParameters> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a multi-scale HOG needs at least one parameter set");
        }
        this.parts = parameters.stream().map(Hog::new).toList();
    }

    public List<HogParameters> parameters() { return parts.stream().map(Hog::parameters).toList(); }

    @Override
    public int length(int width, int height, int channels) {
        int n = 0;
        for (Hog h : parts) {
            n = Math.addExact(n, h.length(width, height, channels));
        }
        return n;
    }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        int at = offset;
        for (Hog h : parts) {
            h.extract(image, out, at);
            at += h.length(image.width(), image.height(), image.channelCount());
        }
    }
}
