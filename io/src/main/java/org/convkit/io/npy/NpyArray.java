package org.convkit.io.npy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A NumPy array in memory: its dtype and shape, and its elements in C order (row-major, the last index
 * fastest) in the dtype's byte order, whatever order the file had.
 */
public final class NpyArray {
    private final NpyHeader header;
    private final ByteBuffer data;

    private NpyArray(NpyHeader header, ByteBuffer data) {
        this.header = header;
        this.data = data.slice().order(header.order());
    }

    /**
     * The array of a whole {@code .npy} file. The header is checked against the file's length before
     * anything is allocated; a C-order array is read in place, a Fortran-order one copied into C order.
     */
    public static NpyArray of(byte[] file) throws NpyFormatException {
        return of(file, NpyHeader.read(file));
    }

    /** The array of {@code file}, whose header the caller has read (and checked) with {@link NpyHeader#read}. */
    public static NpyArray of(byte[] file, NpyHeader header) throws NpyFormatException {
        int start = NpyHeader.dataOffset(file);
        for (long d : header.shape()) {
            if (d > Integer.MAX_VALUE) { // an empty array may declare any other dimension
                throw new NpyFormatException("a .npy dimension of " + d + " (shape " + Arrays.toString(header.shape())
                        + "), more than convkit's arrays hold");
            }
        }
        long need = header.dataBytes();
        if (need > file.length - start) {
            throw new NpyFormatException("truncated .npy data (shape " + Arrays.toString(header.shape()) + " of "
                    + header.descr().replaceAll("^[<>|=]", "") + " needs " + (need == Long.MAX_VALUE ? "over 2^63" : need)
                    + " bytes; " + (file.length - start) + " follow the header)");
        }
        ByteBuffer bytes = ByteBuffer.wrap(file, start, (int) need);
        if (!header.fortranOrder() || header.shape().length < 2) {
            return new NpyArray(NpyHeader.of(header.descr(), header.shape()), bytes);
        }
        return new NpyArray(NpyHeader.of(header.descr(), header.shape()),
                ByteBuffer.wrap(reorder(bytes.slice(), header.shape(), header.itemSize(), false)));
    }

    /** An array of {@code data} (elements in C order, in the dtype's byte order, {@code header.dataBytes()} of them). */
    public static NpyArray wrap(NpyHeader header, ByteBuffer data) {
        if (header.fortranOrder()) throw new IllegalArgumentException("data in memory is in C order");
        if (data.remaining() != header.dataBytes()) {
            throw new IllegalArgumentException(data.remaining() + " bytes for " + header + ", which needs " + header.dataBytes());
        }
        return new NpyArray(header, data);
    }

    /** float32 values in C order, with their shape. */
    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return wrap(NpyHeader.of("<f4", shape), b);
    }

    /** int32 values, a vector. */
    public static NpyArray ofInts(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return wrap(NpyHeader.of("<i4", values.length), b);
    }

    /** Strings as NumPy stores a {@code str} array: UTF-32 code points, zero-padded to the longest (at least 1). */
    public static NpyArray ofStrings(List<String> values) {
        int width = Math.max(1, values.stream().mapToInt(s -> s.codePointCount(0, s.length())).max().orElse(1));
        ByteBuffer b = ByteBuffer.allocate(4 * width * values.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (String v : values) {
            int[] cps = v.codePoints().toArray();
            for (int k = 0; k < width; k++) {
                b.putInt(k < cps.length ? cps[k] : 0);
            }
        }
        return wrap(NpyHeader.of("<U" + width, values.size()), b.flip());
    }

    /** The dtype and shape (C order). */
    public NpyHeader header() { return header; }

    public long[] shape() { return header.shape(); }

    /** The shape as ints (every array in memory has dimensions below 2^31). */
    public int[] intShape() { return Arrays.stream(header.shape()).mapToInt(Math::toIntExact).toArray(); }

    /** Number of elements. */
    public int size() { return (int) header.count(); }

    /** The raw elements, C order, in the dtype's byte order (a read-only view). */
    public ByteBuffer data() { return data.asReadOnlyBuffer().order(data.order()); }

    /** Every element as a float (float64 rounded; integers converted). */
    public float[] floats() {
        int n = size();
        float[] out = new float[n];
        switch (dtype()) {
            case "f4" -> data.asFloatBuffer().get(out);
            case "f8" -> {
                var d = data.asDoubleBuffer();
                for (int i = 0; i < n; i++) out[i] = (float) d.get(i);
            }
            case "u1" -> { for (int i = 0; i < n; i++) out[i] = data.get(i) & 0xff; }
            case "u2" -> {
                var s = data.asShortBuffer();
                for (int i = 0; i < n; i++) out[i] = s.get(i) & 0xffff;
            }
            case "i4" -> {
                var s = data.asIntBuffer();
                for (int i = 0; i < n; i++) out[i] = s.get(i);
            }
            default -> throw new IllegalStateException(header.descr() + " holds strings, not numbers");
        }
        return out;
    }

    /** Every element as a double (exact for every numeric dtype here). */
    public double[] doubles() {
        if (dtype().equals("f8")) {
            double[] out = new double[size()];
            data.asDoubleBuffer().get(out);
            return out;
        }
        if (dtype().equals("i4")) {
            return Arrays.stream(ints()).asDoubleStream().toArray();
        }
        float[] f = floats();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    /** Every element of an integer array as an int. */
    public int[] ints() {
        int n = size();
        int[] out = new int[n];
        switch (dtype()) {
            case "u1" -> { for (int i = 0; i < n; i++) out[i] = data.get(i) & 0xff; }
            case "u2" -> {
                var s = data.asShortBuffer();
                for (int i = 0; i < n; i++) out[i] = s.get(i) & 0xffff;
            }
            case "i4" -> data.asIntBuffer().get(out);
            default -> throw new IllegalStateException(header.descr() + " is not an integer dtype");
        }
        return out;
    }

    /** The elements of a {@code str} array, trailing zeros removed. */
    public List<String> strings() {
        if (header.kind() != 'U') throw new IllegalStateException(header.descr() + " is not a str dtype");
        int width = header.itemSize() / 4;
        List<String> out = new ArrayList<>(size());
        var cps = data.asIntBuffer();
        for (int i = 0; i < size(); i++) {
            int len = width;
            while (len > 0 && cps.get(i * width + len - 1) == 0) len--;
            int[] s = new int[len];
            cps.get(i * width, s);
            out.add(new String(s, 0, len));
        }
        return out;
    }

    /** The raw bytes of a one-byte array, decoded as UTF-8 (a text stored as {@code uint8}). */
    public String utf8() {
        byte[] b = new byte[data.remaining()];
        data.get(0, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Kind and size without the byte order: {@code f4}, {@code u1}, {@code U12}. */
    private String dtype() { return header.descr().replaceAll("^[<>|=]", ""); }

    /**
     * The elements of {@code src} (item size {@code size}) moved between the two orders: from Fortran to
     * C order ({@code toFortran} false) or back. Walks the C order keeping the Fortran offset in step.
     */
    static byte[] reorder(ByteBuffer src, long[] shape, int size, boolean toFortran) {
        int n = shape.length;
        long[] fStride = new long[n]; // Fortran strides in elements: the first index fastest
        long stride = 1;
        for (int k = 0; k < n; k++) {
            fStride[k] = stride;
            stride *= shape[k];
        }
        long count = stride;
        byte[] out = new byte[Math.toIntExact(count * size)];
        long[] index = new long[n];
        long f = 0;
        for (long c = 0; c < count; c++) {
            if (toFortran) {
                src.get((int) (c * size), out, (int) (f * size), size);
            } else {
                src.get((int) (f * size), out, (int) (c * size), size);
            }
            for (int k = n - 1; k >= 0; k--) {
                f += fStride[k];
                if (++index[k] < shape[k]) break;
                f -= fStride[k] * shape[k];
                index[k] = 0;
            }
        }
        return out;
    }

    @Override
    public String toString() { return "NpyArray " + header; }
}
