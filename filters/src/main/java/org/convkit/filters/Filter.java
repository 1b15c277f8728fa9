package org.convkit.filters;

import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;

/** An operation from one plane to a plane of the same size; never modifies {@code src}. */
@FunctionalInterface
public interface Filter {
    /** The filtered plane, newly allocated. */
    Plane apply(Plane src, Border border);

    /**
     * Writes the filtered plane into {@code dst}, which must have {@code src}'s size and must not be
     * {@code src}: lets a caller reuse one output buffer across many images (as OpenCV's {@code dst}
     * argument). The convolution filters write straight into it; the default copies {@link #apply}'s result.
     */
    default void apply(Plane src, Border border, Plane dst) {
        if (!src.sameSize(dst)) {
            throw new IllegalArgumentException("output " + dst + " differs in size from input " + src);
        }
        if (src.data() == dst.data()) {
            throw new IllegalArgumentException("a filter cannot write over its input");
        }
        float[] out = apply(src, border).data();
        System.arraycopy(out, 0, dst.data(), 0, out.length);
    }
}
