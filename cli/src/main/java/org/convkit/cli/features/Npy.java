package org.convkit.cli.features;

import java.nio.charset.StandardCharsets;

/** NumPy's {@code .npy} header (format 1.0, or 2.0 when the header is long), as {@code numpy.lib.format} writes it. */
final class Npy {
    private Npy() {}

    /** Magic, version, header length and the header dict padded so the data starts at a multiple of 64. */
    static byte[] header(String descr, long... shape) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        s.append("), }");
        boolean v2 = s.length() + 11 > 65535;
        int prefix = v2 ? 12 : 10;
        int total = prefix + s.length() + 1;
        int padded = (total + 63) / 64 * 64;
        s.append(" ".repeat(padded - total)).append('\n');
        byte[] dict = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[prefix + dict.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.ISO_8859_1), 0, out, 1, 5);
        out[6] = (byte) (v2 ? 2 : 1);
        out[7] = 0;
        int len = dict.length;
        out[8] = (byte) len;
        out[9] = (byte) (len >>> 8);
        if (v2) {
            out[10] = (byte) (len >>> 16);
            out[11] = (byte) (len >>> 24);
        }
        System.arraycopy(dict, 0, out, prefix, dict.length);
        return out;
    }
}
