package org.convkit.filters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A minimal reader of NumPy {@code .npy} float32 arrays and {@code .npz} archives of them, for the
 * reference tests only. convkit's NumPy codec is {@code org.convkit.io.npy.Npy}, but io depends on
 * filters, so filters' tests cannot use it (a cycle in the build); the references here are all
 * little-endian float32 in C order, and anything else is refused.
 */
final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** A float32 C-order array. */
    record Array(int[] shape, float[] data) {
        int dim(int i) { return shape[i]; }

        @Override
        public String toString() { return "Array" + Arrays.toString(shape); }
    }

    private Npy() {}

    static Map<String, Array> readNpz(Path path) throws IOException {
        Map<String, Array> arrays = new HashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    arrays.put(name, read(in.readAllBytes(), path + ":" + e.getName()));
                }
            }
        }
        return arrays;
    }

    static Array read(byte[] bytes, String what) {
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IllegalArgumentException(what + ": not a .npy file");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLength, StandardCharsets.US_ASCII);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IllegalArgumentException(what + ": bad header " + header);
        }
        if (!d.group(1).equals("<f4") || o.group(1).equals("True")) {
            throw new IllegalArgumentException(what + ": expected little-endian float32 in C order, got " + header);
        }
        int[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        float[] data = new float[n];
        b.position(start + headerLength);
        b.asFloatBuffer().get(data);
        return new Array(shape, data);
    }
}
