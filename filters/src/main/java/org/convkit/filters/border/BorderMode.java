package org.convkit.filters.border;

/**
 * How samples outside the image are made up. The names and pictures follow OpenCV's; for a row
 * {@code abcd} the padded row reads:
 * <pre>
 * ZERO         000|abcd|000   OpenCV BORDER_CONSTANT(0), SciPy 'constant' (cval=0), NumPy 'constant'
 * CONSTANT     vvv|abcd|vvv   OpenCV BORDER_CONSTANT(v), SciPy 'constant' (cval=v), NumPy 'constant'
 * REPLICATE    aaa|abcd|ddd   OpenCV BORDER_REPLICATE,   SciPy 'nearest',            NumPy 'edge'
 * REFLECT      cba|abcd|dcb   OpenCV BORDER_REFLECT,     SciPy 'reflect',            NumPy 'symmetric'
 * REFLECT_101  dcb|abcd|cba   OpenCV BORDER_REFLECT_101, SciPy 'mirror',             NumPy 'reflect'
 * WRAP         bcd|abcd|abc   OpenCV BORDER_WRAP,        SciPy 'wrap' / 'grid-wrap', NumPy 'wrap'
 * </pre>
 * The rules repeat periodically, so kernels larger than the image work in every mode.
 */
public enum BorderMode {
    ZERO, CONSTANT, REPLICATE, REFLECT, REFLECT_101, WRAP;

    /** True when samples outside are a fixed value rather than taken from the image. */
    public boolean isConstant() { return this == ZERO || this == CONSTANT; }

    /**
     * Maps a coordinate {@code i} (any int) onto {@code [0, n)} under this rule; returns -1 for the
     * constant modes when {@code i} is outside, meaning "use the constant".
     */
    public int index(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case ZERO, CONSTANT -> { return -1; }
            case REPLICATE -> { return i < 0 ? 0 : n - 1; }
            case WRAP -> { return Math.floorMod(i, n); }
            case REFLECT -> {
                int m = Math.floorMod(i, 2 * n);
                return m < n ? m : 2 * n - 1 - m;
            }
            case REFLECT_101 -> {
                if (n == 1) {
                    return 0;
                }
                int period = 2 * n - 2;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            }
            default -> throw new AssertionError(this);
        }
    }
}
