package org.convkit.filters.image;

import java.util.Arrays;

/**
 * One channel of an image: {@code width * height} float32 samples, row-major, no padding.
 * convkit computes in float32 only; integer pixels are converted on reading and writing, and keep
 * their scale (an 8-bit 200 is 200.0f), as OpenCV does.
 */
public final class Plane {
    private final int width;
    private final int height;
    private final float[] data;

    public Plane(int width, int height) {
        this(width, height, new float[checkedSize(width, height)]);
    }

    /** Wraps {@code data} without copying; it must hold exactly {@code width * height} samples. */
    public Plane(int width, int height, float[] data) {
        if (data.length != checkedSize(width, height)) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " plane needs " + (long) width * height + " samples, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("plane size must be positive, got " + width + "x" + height);
        }
        long n = (long) width * height;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("plane too large: " + width + "x" + height);
        }
        return (int) n;
    }

    public int width() { return width; }

    public int height() { return height; }

    /** The backing array, row-major; writes are visible in the plane. */
    public float[] data() { return data; }

    public float get(int x, int y) { return data[y * width + x]; }

    public void set(int x, int y, float value) { data[y * width + x] = value; }

    public Plane copy() { return new Plane(width, height, data.clone()); }

    public boolean sameSize(Plane other) { return width == other.width && height == other.height; }

    @Override
    public String toString() { return "Plane[" + width + "x" + height + "]"; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plane p && p.width == width && p.height == height && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(data); }
}
