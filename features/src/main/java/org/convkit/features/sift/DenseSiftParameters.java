package org.convkit.features.sift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of dense SIFT as VLFeat's {@code vl_phow} (gray variant) sets them: for every bin size in
 * {@code sizes}, the image is smoothed by a Gaussian of sigma {@code sqrt((size / magnif)^2 - 0.25)}
 * (PHOW's formula: the scale-space sigma {@code size / magnif} less the 0.5 pixel blur the camera is
 * assumed to have added) and a grid of 4x4x8 SIFT descriptors is sampled every {@code step} pixels.
 * Descriptors of all sizes share their centres (PHOW's offset {@code floor(1.5 (maxSize - size))}).
 *
 * @param sizes             spatial bin sizes in pixels, one descriptor grid each (PHOW: 4,6,8,10)
 * @param step              grid step in pixels (PHOW: 2)
 * @param magnif            ratio of bin size to keypoint scale, sets the pre-smoothing (PHOW: 6)
 * @param windowSize        sigma of the Gaussian window in bin units (PHOW: 1.5)
 * @param fast              flat window inside each bin, reweighted by the bin's mean Gaussian weight
 *                          (VLFeat's {@code fast} / flat window); faster, nearly the same descriptors
 * @param contrastThreshold descriptors whose norm before normalisation is below this, measured for
 *                          intensities in [0, 1], become zero (PHOW: 0.005)
 * @param clamp             SIFT's clamp after the first L2 normalisation (Lowe: 0.2)
 * @param rootSift          Arandjelovic &amp; Zisserman's RootSIFT: L1-normalise then square root
 * @param inputWhite        the value of white in the input plane: 255 for 8-bit images as convkit reads
 *                          them, 1 for images already in [0, 1] (VLFeat's {@code im2single}); only the
 *                          contrast threshold depends on it
 */
public record DenseSiftParameters(int[] sizes, int step, double magnif, double windowSize, boolean fast,
                                  double contrastThreshold, double clamp, boolean rootSift, double inputWhite) {

    /** Spatial bins per side and orientation bins: SIFT's 4 x 4 x 8 = 128. */
    public static final int SPATIAL_BINS = 4;
    public static final int ORIENTATIONS = 8;
    public static final int DIMENSION = SPATIAL_BINS * SPATIAL_BINS * ORIENTATIONS;

    public DenseSiftParameters {
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("dense SIFT needs at least one bin size");
        }
        sizes = sizes.clone();
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("bin sizes must be at least 1 pixel, got " + s);
            }
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1 pixel, got " + step);
        }
        if (!(magnif > 0) || !(windowSize > 0) || !(clamp > 0) || !(inputWhite > 0) || !(contrastThreshold >= 0)) {
            throw new IllegalArgumentException("magnif, window size, clamp and input white must be positive and "
                    + "the contrast threshold non-negative");
        }
    }

    /** VLFeat's PHOW defaults: sizes 4,6,8,10, step 2, magnif 6, window 1.5, contrast 0.005, 8-bit input. */
    public static DenseSiftParameters phow() {
        return new DenseSiftParameters(new int[] {4, 6, 8, 10}, 2, 6, 1.5, false, 0.005, 0.2, false, 255);
    }

    /**
     * Defaults for tiny images such as 28x28 Fashion-MNIST: a descriptor of bin size s needs a
     * (3s+1)-pixel frame, so PHOW's size 10 does not fit at all and size 8 gives one descriptor; sizes
     * 3 and 4 (10- and 13-pixel frames, 81 + 64 = 145 descriptors per image at step 2) cover the
     * garment at part scale.
     */
    public static DenseSiftParameters tinyImages() {
        return new DenseSiftParameters(new int[] {3, 4}, 2, 6, 1.5, false, 0.005, 0.2, false, 255);
    }

    public int maxSize() { return Arrays.stream(sizes).max().orElseThrow(); }

    /** PHOW's pre-smoothing sigma for bin size {@code size}; 0 when the formula gives no smoothing. */
    public double smoothingSigma(int size) {
        double s = size / magnif;
        return Math.sqrt(Math.max(0, s * s - 0.25));
    }

    @Override
    public int[] sizes() { return sizes.clone(); }

    public DenseSiftParameters withSizes(int... newSizes) {
        return new DenseSiftParameters(newSizes, step, magnif, windowSize, fast, contrastThreshold, clamp, rootSift, inputWhite);
    }

    public DenseSiftParameters withStep(int newStep) {
        return new DenseSiftParameters(sizes, newStep, magnif, windowSize, fast, contrastThreshold, clamp, rootSift, inputWhite);
    }

    public DenseSiftParameters withFast(boolean newFast) {
        return new DenseSiftParameters(sizes, step, magnif, windowSize, newFast, contrastThreshold, clamp, rootSift, inputWhite);
    }

    public DenseSiftParameters withRootSift(boolean newRootSift) {
        return new DenseSiftParameters(sizes, step, magnif, windowSize, fast, contrastThreshold, clamp, newRootSift, inputWhite);
    }

    public DenseSiftParameters withInputWhite(double white) {
        return new DenseSiftParameters(sizes, step, magnif, windowSize, fast, contrastThreshold, clamp, rootSift, white);
    }

    public DenseSiftParameters withWindowSize(double w) {
        return new DenseSiftParameters(sizes, step, magnif, w, fast, contrastThreshold, clamp, rootSift, inputWhite);
    }

    public DenseSiftParameters withContrastThreshold(double t) {
        return new DenseSiftParameters(sizes, step, magnif, windowSize, fast, t, clamp, rootSift, inputWhite);
    }

    /** The parameters as strings, for a model file's metadata; {@link #fromStrings} reads them back. */
    public Map<String, String> toStrings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sizes", String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList()));
        m.put("step", Integer.toString(step));
        m.put("magnif", Double.toString(magnif));
        m.put("window", Double.toString(windowSize));
        m.put("fast", Boolean.toString(fast));
        m.put("contrast", Double.toString(contrastThreshold));
        m.put("clamp", Double.toString(clamp));
        m.put("rootsift", Boolean.toString(rootSift));
        m.put("white", Double.toString(inputWhite));
        return m;
    }

    public static DenseSiftParameters fromStrings(Map<String, String> m) {
        return new DenseSiftParameters(
                Arrays.stream(require(m, "sizes").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray(),
                Integer.parseInt(require(m, "step")), Double.parseDouble(require(m, "magnif")),
                Double.parseDouble(require(m, "window")), Boolean.parseBoolean(require(m, "fast")),
                Double.parseDouble(require(m, "contrast")), Double.parseDouble(require(m, "clamp")),
                Boolean.parseBoolean(require(m, "rootsift")), Double.parseDouble(require(m, "white")));
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("dense SIFT parameters lack '" + key + "'");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseSiftParameters p && Arrays.equals(p.sizes, sizes) && p.step == step
                && p.magnif == magnif && p.windowSize == windowSize && p.fast == fast
                && p.contrastThreshold == contrastThreshold && p.clamp == clamp && p.rootSift == rootSift
                && p.inputWhite == inputWhite;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(sizes) * 31 + toStrings().hashCode(); }

    @Override
    public String toString() { return "DenseSiftParameters" + toStrings(); }
}
