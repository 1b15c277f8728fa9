package org.convkit.filters.vector;

import jdk.incubator.vector.FloatVector;

/**
 * Adds a vector's lanes in a fixed order, lane 0 first. {@code reduceLanes(ADD)} leaves the order
 * unspecified, and the interpreter and C2 do pick different orders, so the same input could give a
 * different last bit before and after the JIT compiles a loop; convkit's results must repeat exactly.
 */
public final class LaneSums {
    private LaneSums() {}

    public static float sum(FloatVector v) {
        float s = 0f;
        for (int l = 0; l < v.length(); l++) {
            s += v.lane(l);
        }
        return s;
    }

    /** The same sum accumulated in double. */
    public static double sumAsDouble(FloatVector v) {
        double s = 0;
        for (int l = 0; l < v.length(); l++) {
            s += v.lane(l);
        }
        return s;
    }
}
