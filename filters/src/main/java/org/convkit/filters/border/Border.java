package org.convkit.filters.border;

import org.convkit.filters.image.Plane;

/**
 * A border rule: the mode and, for {@link BorderMode#CONSTANT}, the value. The one place that answers
 * "what is the sample at (-2, 5)?" for every algorithm.
 */
public record Border(BorderMode mode, float constant) {

    public static final Border ZERO = new Border(BorderMode.ZERO, 0f);
    public static final Border REPLICATE = new Border(BorderMode.REPLICATE, 0f);
    public static final Border REFLECT = new Border(BorderMode.REFLECT, 0f);
    public static final Border REFLECT_101 = new Border(BorderMode.REFLECT_101, 0f);
    public static final Border WRAP = new Border(BorderMode.WRAP, 0f);

    public Border {
        if (mode == BorderMode.ZERO) {
            constant = 0f;
        }
    }

    public static Border of(BorderMode mode) { return new Border(mode, 0f); }

    public static Border constant(float value) { return new Border(BorderMode.CONSTANT, value); }

    /** The sample at {@code (x, y)}, which may lie outside the plane. */
    public float sample(Plane p, int x, int y) {
        int xi = mode.index(x, p.width());
        int yi = mode.index(y, p.height());
        return xi < 0 || yi < 0 ? constant : p.get(xi, yi);
    }
}
