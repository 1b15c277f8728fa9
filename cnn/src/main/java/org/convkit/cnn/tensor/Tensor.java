package org.convkit.cnn.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a shape over a row-major (C-order) slice of a float array starting at
 * {@link #offset}. Images are NCHW, flat features NF (see the package {@code org.convkit.cnn}).
 * Views such as {@link #batch(int, int)} and {@link #reshape(int...)} share the array.
 */
public final class Tensor {
    public final int[] shape;
    public final float[] data;
    public final int offset;

    public Tensor(int... shape) {
        this(new float[checkedSize(shape)], 0, shape);
    }

    public Tensor(float[] data, int offset, int... shape) {
        int n = checkedSize(shape);
        if (offset < 0 || offset + n > data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " at offset "
                    + offset + " does not fit an array of " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
        this.offset = offset;
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(data, 0, shape);
    }

    private static int checkedSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return (int) n;
    }

    public int rank() { return shape.length; }

    public int dim(int i) { return shape[i]; }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Elements per sample: the size divided by the leading (batch) dimension. */
    public int sampleSize() { return shape[0] == 0 ? 0 : size() / shape[0]; }

    /** The shape without the batch dimension. */
    public int[] sampleShape() { return Arrays.copyOfRange(shape, 1, shape.length); }

    public float get(int i) { return data[offset + i]; }

    public void set(int i, float v) { data[offset + i] = v; }

    /** A view of samples {@code [from, to)} along the first dimension, sharing the array. */
    public Tensor batch(int from, int to) {
        if (from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("batch [" + from + ", " + to + ") of " + shape[0]);
        }
        int[] s = shape.clone();
        s[0] = to - from;
        return new Tensor(data, offset + from * sampleSize(), s);
    }

    /** A view with another shape of the same size, sharing the array. */
    public Tensor reshape(int... newShape) {
        if (checkedSize(newShape) != size()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to "
                    + Arrays.toString(newShape));
        }
        return new Tensor(data, offset, newShape);
    }

    /** A compact copy (offset 0, own array). */
    public Tensor copy() {
        return new Tensor(Arrays.copyOfRange(data, offset, offset + size()), 0, shape);
    }

    /** The elements as a new array. */
    public float[] toArray() { return Arrays.copyOfRange(data, offset, offset + size()); }

    public void fill(float v) { Arrays.fill(data, offset, offset + size(), v); }

    /** Copies {@code src} (same size) into this tensor. */
    public void copyFrom(Tensor src) {
        if (src.size() != size()) {
            throw new IllegalArgumentException("size mismatch: " + Arrays.toString(src.shape) + " into "
                    + Arrays.toString(shape));
        }
        System.arraycopy(src.data, src.offset, data, offset, size());
    }

    public boolean sameShape(int... s) { return Arrays.equals(shape, s); }

    /** {@code t} itself when it already has {@code shape}, else a new zeroed tensor: buffer reuse. */
    public static Tensor reuse(Tensor t, int... shape) {
        return t != null && t.offset == 0 && t.sameShape(shape) ? t : new Tensor(shape);
    }

    @Override
    public String toString() { return "Tensor" + Arrays.toString(shape); }

    /** A shape as {@code 1x28x28}. */
    public static String shapeString(int... shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.toString();
    }
}
