package org.convkit.features.gist;

import java.util.Arrays;

/**
 * The parameters of LMgist (LabelMe toolbox), with its defaults.
 *
 * @param size                 side of the square the image is resized and cropped to (LMgist: 128)
 * @param orientationsPerScale Gabor orientations at each scale, finest scale first (LMgist: 8,8,8,8)
 * @param blocks               the responses are averaged over a blocks x blocks grid (LMgist: 4)
 * @param fc                   cut-off of the whitening low-pass, in cycles per image (LMgist: 4)
 * @param boundary             pixels of symmetric extension before the Gabor FFT (LMgist: 32)
 * @param color                the LEAR C variant: one vector per RGB channel, concatenated
 */
public record GistParameters(int size, int[] orientationsPerScale, int blocks, double fc, int boundary,
                             boolean color) {

    public static final GistParameters DEFAULT = new GistParameters(128, new int[] {8, 8, 8, 8}, 4, 4, 32, false);

    public GistParameters {
        if (size < 8) {
            throw new IllegalArgumentException("GIST size must be at least 8, got " + size);
        }
        if (orientationsPerScale.length == 0 || Arrays.stream(orientationsPerScale).anyMatch(o -> o < 1)) {
            throw new IllegalArgumentException("orientations per scale must be positive numbers, got "
                    + Arrays.toString(orientationsPerScale));
        }
        if (blocks < 1 || blocks > size) {
            throw new IllegalArgumentException("blocks must be in [1, size], got " + blocks);
        }
        if (!(fc > 0)) {
            throw new IllegalArgumentException("fc must be positive, got " + fc);
        }
        if (boundary < 0) {
            throw new IllegalArgumentException("boundary must not be negative, got " + boundary);
        }
        orientationsPerScale = orientationsPerScale.clone();
    }

    @Override
    public int[] orientationsPerScale() { return orientationsPerScale.clone(); }

    public int filterCount() { return Arrays.stream(orientationsPerScale).reduce(0, Math::addExact); }

    public int channels() { return color ? 3 : 1; }

    /** Channels x filters x blocks^2: 512 for the defaults, 960 for colour with 8,8,4. */
    public int length() { return Math.multiplyExact(Math.multiplyExact(channels(), filterCount()), Math.multiplyExact(blocks, blocks)); }

    @Override
    public boolean equals(Object o) {
        return o instanceof GistParameters g && g.size == size && Arrays.equals(g.orientationsPerScale, orientationsPerScale)
                && g.blocks == blocks && g.fc == fc && g.boundary == boundary && g.color == color;
    }

    @Override
    public int hashCode() {
        return ((31 * size + Arrays.hashCode(orientationsPerScale)) * 31 + blocks) * 31 + Double.hashCode(fc) * 7
                + boundary * 3 + (color ? 1 : 0);
    }

    @Override
    public String toString() {
        return "GistParameters[size=" + size + ", orientations=" + Arrays.toString(orientationsPerScale) + ", blocks="
                + blocks + ", fc=" + fc + ", boundary=" + boundary + ", color=" + color + "]";
    }
}
