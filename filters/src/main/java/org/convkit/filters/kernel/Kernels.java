package org.convkit.filters.kernel;

/**
 * The named kernels, written as <em>convolution</em> kernels: {@code Filters.convolve(k)} gives the
 * conventional result. The derivative kernels therefore read "mirrored" on paper
 * ({@code sobelX() = [1 0 -1; 2 0 -2; 1 0 -1]}, as Wikipedia writes it), and convolving with them is
 * exactly {@code cv2.Sobel(img, cv2.CV_32F, 1, 0)}: positive where brightness rises to the right
 * (x) or downward (y). Rank-1 kernels are built with {@link Kernel#outer} so they run as two 1-D passes.
 */
public final class Kernels {
    private Kernels() {}

    /** The widest square kernel whose weights still fit one Java array (46,340^2 < 2^31). */
    public static final int MAX_SIDE = 46_340;

    /** The normalised {@code size x size} mean, as {@code cv2.blur} / {@code scipy.ndimage.uniform_filter}. */
    public static Kernel box(int size) {
        requirePositive(size, "box size");
        float[] v = new float[size];
        java.util.Arrays.fill(v, 1f / size);
        return Kernel.outer(v, v);
    }

    /**
     * The Gaussian of standard deviation {@code sigma} with radius {@code (int) (4 sigma + 0.5)}, size
     * {@code 2 radius + 1}: what {@code scipy.ndimage.gaussian_filter} uses (truncate = 4) and what
     * {@code cv2.GaussianBlur(ksize=(0, 0))} picks for float images.
     */
    public static Kernel gaussian(double sigma) {
        requireSigma(sigma);
        if (4 * sigma + 0.5 >= MAX_SIDE / 2) {
            throw new IllegalArgumentException("gaussian sigma " + sigma + " is too large: its kernel would be wider than " + MAX_SIDE);
        }
        int radius = (int) (4 * sigma + 0.5);
        return gaussian(sigma, 2 * radius + 1);
    }

    /**
     * The Gaussian of standard deviation {@code sigma} on an odd {@code size}: weights
     * {@code exp(-x^2 / (2 sigma^2))} for {@code x = -size/2 .. size/2}, computed in double and
     * divided by their sum, as OpenCV's {@code getGaussianKernel} and SciPy's {@code _gaussian_kernel1d}.
     */
    public static Kernel gaussian(double sigma, int size) {
        requireSigma(sigma);
        requirePositive(size, "gaussian size");
        if (size % 2 == 0) {
            throw new IllegalArgumentException("gaussian size must be odd, got " + size);
        }
        int r = size / 2;
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = i - r;
            g[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += g[i];
        }
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (g[i] / sum);
        }
        return Kernel.outer(v, v);
    }

    /** Sobel x derivative (convolution form): {@code [1 0 -1; 2 0 -2; 1 0 -1]}. */
    public static Kernel sobelX() { return Kernel.outer(new float[] {1, 2, 1}, new float[] {1, 0, -1}); }

    /** Sobel y derivative (convolution form): {@code [1 2 1; 0 0 0; -1 -2 -1]}. */
    public static Kernel sobelY() { return Kernel.outer(new float[] {1, 0, -1}, new float[] {1, 2, 1}); }

    /** Scharr x derivative, as {@code cv2.Scharr(img, CV_32F, 1, 0)}: {@code [3 0 -3; 10 0 -10; 3 0 -3]}. */
    public static Kernel scharrX() { return Kernel.outer(new float[] {3, 10, 3}, new float[] {1, 0, -1}); }

    /** Scharr y derivative, as {@code cv2.Scharr(img, CV_32F, 0, 1)}. */
    public static Kernel scharrY() { return Kernel.outer(new float[] {1, 0, -1}, new float[] {3, 10, 3}); }

    /** Prewitt x derivative: {@code [1 0 -1; 1 0 -1; 1 0 -1]}. */
    public static Kernel prewittX() { return Kernel.outer(new float[] {1, 1, 1}, new float[] {1, 0, -1}); }

    /** Prewitt y derivative: {@code [1 1 1; 0 0 0; -1 -1 -1]}. */
    public static Kernel prewittY() { return Kernel.outer(new float[] {1, 0, -1}, new float[] {1, 1, 1}); }

    /** The 4-neighbour Laplacian {@code [0 1 0; 1 -4 1; 0 1 0]}, as {@code cv2.Laplacian(ksize=1)}. */
    public static Kernel laplacian() { return Kernel.parse("0 1 0; 1 -4 1; 0 1 0"); }

    /** The 8-neighbour Laplacian {@code [1 1 1; 1 -8 1; 1 1 1]}. */
    public static Kernel laplacian8() { return Kernel.parse("1 1 1; 1 -8 1; 1 1 1"); }

    /** Sharpening: identity minus the 4-neighbour Laplacian, {@code [0 -1 0; -1 5 -1; 0 -1 0]}. */
    public static Kernel sharpen() { return Kernel.parse("0 -1 0; -1 5 -1; 0 -1 0"); }

    /** Emboss {@code [-2 -1 0; -1 1 1; 0 1 2]}; the weights sum to 1, so flat areas keep their value. */
    public static Kernel emboss() { return Kernel.parse("-2 -1 0; -1 1 1; 0 1 2"); }

    /** The 1x1 identity. */
    public static Kernel identity() { return new Kernel(1, 1, new float[] {1}); }

    /** Checked before anything is allocated: a side below 1, or one whose square overflows, is refused. */
    private static void requirePositive(int size, String what) {
        if (size < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + size);
        }
        if (size > MAX_SIDE) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_SIDE + ", got " + size);
        }
    }

    private static void requireSigma(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("gaussian sigma must be positive, got " + sigma);
        }
    }
}
