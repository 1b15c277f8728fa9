package org.convkit.features.hog;

import org.convkit.features.FeatureExtractor;
import org.convkit.features.pixels.PooledIntensity;
import org.convkit.filters.image.FloatImage;

/**
 * A {@link MultiScaleHog} followed by the image's {@link PooledIntensity}, the latter scaled per image so
 * that its values sum to {@code weight} times the HOG part's sum. Under the chi2 (or any order-n additive)
 * kernel map the squared norm of a mapped vector is proportional to the sum of its values, so with weight
 * 1 the two parts weigh the same in the mapped, L2-normalised vector, whatever the image: HOG's blocks
 * say which edges are where, the intensity part where the mass is (which HOG's contrast normalisation
 * discards; its gain on held-out images is in bench/RESULTS.md).
 */
public final class HogWithIntensity implements FeatureExtractor {
    private final MultiScaleHog hog;
    private final PooledIntensity intensity;
    private final double weight;

    public HogWithIntensity(MultiScaleHog hog, PooledIntensity intensity, double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the intensity weight must be positive, got " + weight);
        }
        this.hog = hog;
        this.intensity = intensity;
        this.weight = weight;
    }

    public MultiScaleHog hog() { return hog; }

    public PooledIntensity intensity() { return intensity; }

    public double weight() { return weight; }

    @Override
    public int length(int width, int height, int channels) {
        return Math.addExact(hog.length(width, height, channels), intensity.length(width, height, channels));
    }

    @Override
    public void extract(FloatImage image, float[] out, int offset) {
        int h = hog.length(image.width(), image.height(), image.channelCount());
        int n = intensity.length(image.width(), image.height(), image.channelCount());
        hog.extract(image, out, offset);
        intensity.extract(image, out, offset + h);
        double mass = 0;
        for (int i = offset; i < offset + h; i++) {
            mass += Math.abs(out[i]);
        }
        float f = (float) (weight * mass);
        for (int i = offset + h; i < offset + h + n; i++) {
            out[i] *= f;
        }
    }
}
