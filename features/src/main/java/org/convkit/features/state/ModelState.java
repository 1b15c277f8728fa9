package org.convkit.features.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learnt state of a fitted pipeline as plain data: named float arrays with shapes (C order) and
 * named strings. It maps one to one onto a safetensors file (arrays as F32 tensors, strings as
 * {@code __metadata__}), so the CLI can save and load any pipeline without Java serialization.
 * Components write under a prefix ({@code "encoder."}, {@code "svm."}) and read back from it; a missing
 * or malformed entry is an {@link IllegalArgumentException} naming it.
 */
public final class ModelState {
    /** One array and its shape; the product of the shape is the array's length. */
    public record Array(int[] shape, float[] data) {
        public Array {
            long n = 1;
            for (int s : shape) {
                if (s < 0) {
                    throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
                }
                try {
                    n = Math.multiplyExact(n, s);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more values than 64 bits count");
                }
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
            }
        }
    }

    private final Map<String, Array> arrays = new LinkedHashMap<>();
    private final Map<String, String> strings = new LinkedHashMap<>();

    public ModelState putArray(String name, float[] data, int... shape) {
        arrays.put(name, new Array(shape.clone(), data));
        return this;
    }

    public ModelState putString(String name, String value) {
        strings.put(name, value);
        return this;
    }

    public ModelState putInt(String name, int value) { return putString(name, Integer.toString(value)); }

    public ModelState putDouble(String name, double value) { return putString(name, Double.toString(value)); }

    /** Every entry of {@code other}, names unchanged. */
    public ModelState putAll(ModelState other) {
        arrays.putAll(other.arrays);
        strings.putAll(other.strings);
        return this;
    }

    public boolean hasArray(String name) { return arrays.containsKey(name); }

    public boolean hasString(String name) { return strings.containsKey(name); }

    public Array array(String name) {
        Array a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("model state has no array '" + name + "'");
        }
        return a;
    }

    /** The array {@code name}, checked to have exactly {@code shape}. */
    public float[] array(String name, int... shape) {
        Array a = array(name);
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("array '" + name + "' has shape " + Arrays.toString(a.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return a.data();
    }

    public String string(String name) {
        String v = strings.get(name);
        if (v == null) {
            throw new IllegalArgumentException("model state has no entry '" + name + "'");
        }
        return v;
    }

    public int integer(String name) {
        try {
            return Integer.parseInt(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("entry '" + name + "' is not an integer: " + string(name));
        }
    }

    public double real(String name) {
        try {
            return Double.parseDouble(string(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("entry '" + name + "' is not a number: " + string(name));
        }
    }

    /** All arrays, in insertion order (read-only). */
    public Map<String, Array> arrays() { return Collections.unmodifiableMap(arrays); }

    /** All strings, in insertion order (read-only). */
    public Map<String, String> strings() { return Collections.unmodifiableMap(strings); }

    /** The strings whose names start with {@code prefix}, with the prefix removed. */
    public Map<String, String> stringsUnder(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        strings.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }
}
