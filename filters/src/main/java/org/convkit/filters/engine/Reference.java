package org.convkit.filters.engine;

import java.util.Arrays;
import org.convkit.filters.border.Border;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernel;

/**
 * The specification of every filter here, written as plainly as possible: one output sample at a
 * time, every input read through {@link Border#sample}. Slow; the fast paths are tested against it.
 */
public final class Reference {
    private Reference() {}

    /** {@code dst(x, y) = sum_{i,j} k(i, j) * src(x + i - ax, y + j - ay)}. */
    public static Plane correlate(Plane src, Border border, Kernel k, int ax, int ay) {
        Plane out = new Plane(src.width(), src.height());
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                double acc = 0;
                for (int j = 0; j < k.height(); j++) {
                    for (int i = 0; i < k.width(); i++) {
                        acc += (double) k.get(i, j) * border.sample(src, x + i - ax, y + j - ay);
                    }
                }
                out.set(x, y, (float) acc);
            }
        }
        return out;
    }

    /** The rank {@code rank} (0 = smallest) of the {@code size x size} window anchored at {@code size / 2}. */
    public static Plane rank(Plane src, Border border, int size, int rank) {
        Plane out = new Plane(src.width(), src.height());
        float[] window = new float[size * size];
        int a = size / 2;
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                int n = 0;
                for (int j = 0; j < size; j++) {
                    for (int i = 0; i < size; i++) {
                        window[n++] = border.sample(src, x + i - a, y + j - a);
                    }
                }
                Arrays.sort(window);
                out.set(x, y, window[rank]);
            }
        }
        return out;
    }
}
