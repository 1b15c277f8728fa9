package org.convkit.cnn.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.convkit.cnn.tensor.Tensor;

/** Test-only reader of NumPy .npz archives (little-endian f4, f8, u1 arrays) written by testdata/cnn scripts. */
public final class Npz {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npz() {}

    public record Array(String dtype, int[] shape, ByteBuffer bytes) {
        public float[] floats() {
            int n = size();
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (dtype) {
                    case "<f4" -> bytes.getFloat(4 * i);
                    case "<f8" -> (float) bytes.getDouble(8 * i);
                    case "|u1" -> bytes.get(i) & 0xff;
                    default -> throw new IllegalStateException("dtype " + dtype);
                };
            }
            return out;
        }

        public double[] doubles() {
            double[] out = new double[size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dtype.equals("<f8") ? bytes.getDouble(8 * i) : floats()[i];
            }
            return out;
        }

        public int size() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        public Tensor tensor() { return Tensor.wrap(floats(), shape); }

        public String string() {
            byte[] b = new byte[size()];
            bytes.get(0, b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    public static Map<String, Array> read(Path path) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName().replaceFirst("\\.npy$", ""), parse(in.readAllBytes()));
                }
            }
        }
        return out;
    }

    private static Array parse(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLen = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IllegalStateException("Fortran-order arrays are not supported");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalStateException("bad npy header " + header);
        }
        String[] dims = s.group(1).split(",");
        int[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, b.length - start - headerLen).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Array(d.group(1), shape, data);
    }
}
