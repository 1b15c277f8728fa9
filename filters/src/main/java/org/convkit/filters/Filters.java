package org.convkit.filters;

import java.util.List;
import org.convkit.filters.border.Border;
import org.convkit.filters.engine.Correlator;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernel;
import org.convkit.filters.kernel.Kernels;
import org.convkit.filters.rank.Median;
import org.convkit.filters.rank.MinMax;

/**
 * The filters convkit offers. Every one returns a new plane and leaves its input alone; samples
 * outside the plane come from the {@link org.convkit.filters.border.Border} passed to
 * {@link Filter#apply}.
 *
 * <p>Anchors. A kernel of width {@code kw} has its anchor at column {@code kw / 2} (likewise rows).
 * {@link #correlate} reads {@code src(x + i - kw/2)} for {@code i = 0 .. kw-1}, as
 * {@code cv2.filter2D} (anchor -1) and {@code scipy.ndimage.correlate} (origin 0) do; for an even
 * width 4 that is offsets -2..1. {@link #convolve} computes
 * {@code g(x) = sum_i k(i) f(x - (i - kw/2))}, as {@code scipy.ndimage.convolve} does, i.e. offsets
 * 2..-1 for width 4; it equals {@code correlate(k.flipped())} for odd sizes only (for even sizes the
 * flipped kernel's anchor moves to {@code kw - 1 - kw/2}). {@code cv2.filter2D} with a flipped kernel
 * and anchor {@code (kw - 1 - kw/2, kh - 1 - kh/2)} gives the same as convolve.
 */
public final class Filters {
    private Filters() {}

    /** True convolution {@code g(x, y) = sum k(u, v) f(x - u, y - v)}, as {@code scipy.ndimage.convolve}. */
    public static Filter convolve(Kernel k) {
        Kernel flipped = k.flipped();
        int ax = k.width() - 1 - k.width() / 2;
        int ay = k.height() - 1 - k.height() / 2;
        return new Linear(flipped, ax, ay);
    }

    /** Correlation with the kernel as written (unflipped), as {@code cv2.filter2D} and {@code scipy.ndimage.correlate}. */
    public static Filter correlate(Kernel k) {
        return new Linear(k, k.width() / 2, k.height() / 2);
    }

    /** A correlation with a fixed kernel and anchor; writes straight into a given output. */
    private record Linear(Kernel kernel, int ax, int ay) implements Filter {
        @Override
        public Plane apply(Plane src, Border border) {
            return Correlator.correlate(src, border, kernel, ax, ay);
        }

        @Override
        public void apply(Plane src, Border border, Plane dst) {
            Correlator.correlate(src, border, kernel, ax, ay, dst);
        }
    }

    /** Gradient magnitude {@code sqrt(gx^2 + gy^2)} of the 3x3 Sobel derivatives (as {@code cv2.magnitude} of two {@code cv2.Sobel}). */
    public static Filter sobelMagnitude() {
        Filter gx = convolve(Kernels.sobelX());
        Filter gy = convolve(Kernels.sobelY());
        return (src, border) -> {
            float[] x = gx.apply(src, border).data();
            float[] y = gy.apply(src, border).data();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sqrt(x[i] * x[i] + y[i] * y[i]);
            }
            return new Plane(src.width(), src.height(), x);
        };
    }

    /** Unsharp masking {@code src + amount * (src - gaussian_sigma(src))}. */
    public static Filter unsharp(double sigma, double amount) {
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("unsharp amount must be finite, got " + amount);
        }
        Filter blur = convolve(Kernels.gaussian(sigma));
        float a = (float) amount;
        return (src, border) -> {
            float[] s = src.data();
            float[] b = blur.apply(src, border).data();
            for (int i = 0; i < b.length; i++) {
                b[i] = s[i] + a * (s[i] - b[i]);
            }
            return new Plane(src.width(), src.height(), b);
        };
    }

    /**
     * Median of the {@code size x size} window ({@code cv2.medianBlur}, whose border is replicate;
     * {@code scipy.ndimage.median_filter}). Even sizes take the upper median, as SciPy.
     */
    public static Filter median(int size) {
        requireSize(size);
        return (src, border) -> Median.median(src, border, size);
    }

    /** Minimum of the {@code size x size} window: erosion, {@code cv2.erode} / {@code scipy.ndimage.minimum_filter}. */
    public static Filter min(int size) {
        requireSize(size);
        return (src, border) -> MinMax.min(src, border, size);
    }

    /** Maximum of the {@code size x size} window: dilation, {@code cv2.dilate} / {@code scipy.ndimage.maximum_filter}. */
    public static Filter max(int size) {
        requireSize(size);
        return (src, border) -> MinMax.max(src, border, size);
    }

    /** The filters applied in order, each to the previous one's output, all with the same border. */
    public static Filter chain(List<Filter> filters) {
        List<Filter> steps = List.copyOf(filters);
        return (src, border) -> {
            if (steps.isEmpty()) {
                return src.copy();
            }
            Plane p = src;
            for (Filter f : steps) {
                p = f.apply(p, border);
            }
            return p;
        };
    }

    private static void requireSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1, got " + size);
        }
    }
}
