package org.convkit.filters;

import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;

/** An operation from one plane to a new plane of the same size; never modifies {@code src}. */
@FunctionalInterface
public interface Filter {
    Plane apply(Plane src, Border border);
}
