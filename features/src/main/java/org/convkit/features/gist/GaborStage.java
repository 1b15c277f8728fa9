package org.convkit.features.gist;

/**
 * Step 5 of {@link Gist} for one prefiltered channel: symmetric extension by the boundary, 2-D FFT,
 * and for every filter of the {@link GaborBank} the block means of the magnitude of the inverse FFT of
 * the product, cropped back. Two implementations compute the same thing: {@link BatchedGabor} with the
 * Vector API FFT, {@link JTransformsGabor} with JTransforms, kept as the reference to compare with.
 */
interface GaborStage {
    /** Writes the channel's {@code filters x blocks^2} means to {@code out} from {@code o}; returns the next offset. */
    int apply(double[] channel, float[] out, int o);
}
