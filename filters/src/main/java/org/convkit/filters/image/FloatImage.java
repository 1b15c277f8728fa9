package org.convkit.filters.image;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * An image as one or more float32 {@link Plane}s of equal size (1 = gray, 3 = RGB, in that order).
 * Alpha is not a channel here: readers keep it apart so that filters never blur it.
 */
public final class FloatImage {
    private final Plane[] channels;

    public FloatImage(Plane... channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("an image needs at least one channel");
        }
        for (Plane p : channels) {
            if (!p.sameSize(channels[0])) {
                throw new IllegalArgumentException("channels differ in size: " + channels[0] + " and " + p);
            }
        }
        this.channels = channels.clone();
    }

    public int width() { return channels[0].width(); }

    public int height() { return channels[0].height(); }

    public int channelCount() { return channels.length; }

    public Plane channel(int c) { return channels[c]; }

    public Plane[] channels() { return channels.clone(); }

    /** A new image whose every channel is {@code op} applied to this one's. */
    public FloatImage map(UnaryOperator<Plane> op) {
        return new FloatImage(Arrays.stream(channels).map(op).toArray(Plane[]::new));
    }

    /**
     * The gray conversion of convkit: the mean of the channels, pixel by pixel, as LMgist's and the
     * baseline's and CNN inputs' (not a luma weighting). Summed in double in channel order, then divided
     * once: the mean of the float channels without a rounding in between (LMgist computes it in double).
     */
    public double[] channelMeanInDouble() {
        int n = width() * height();
        double[] mean = new double[n];
        for (Plane p : channels) {
            float[] d = p.data();
            for (int i = 0; i < n; i++) {
                mean[i] += d[i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= channels.length;
        }
        return mean;
    }

    /** {@link #channelMeanInDouble()} rounded once to float: the gray plane of this image. */
    public Plane channelMean() {
        double[] mean = channelMeanInDouble();
        float[] gray = new float[mean.length];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (float) mean[i];
        }
        return new Plane(width(), height(), gray);
    }

    @Override
    public String toString() {
        return "FloatImage[" + width() + "x" + height() + "x" + channels.length + "]";
    }
}
