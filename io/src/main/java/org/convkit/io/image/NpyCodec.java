package org.convkit.io.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * NumPy {@code .npy} arrays (format versions 1 to 3): {@code HxW} gray or {@code HxWxC} with C = 1..4
 * (2 = gray + alpha, 4 = RGBA), C order, dtypes float32, float64, uint8, uint16 in either byte order.
 */
final class NpyCodec {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyCodec() {}

    static boolean matches(byte[] head) {
        if (head.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) return false;
        }
        return true;
    }

    static DecodedImage read(byte[] bytes) throws ImageFormatException {
        if (bytes.length < 10) throw new ImageFormatException("truncated .npy header");
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8) & 0xffffffffL;
        int start = major == 1 ? 10 : 12;
        if (start + headerLen > bytes.length) throw new ImageFormatException("truncated .npy header");
        String header = new String(bytes, start, (int) headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            String shown = header.strip().replaceAll("\\s+", " ");
            throw new ImageFormatException("unreadable .npy header: " + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown));
        }
        char kind = d.group(2).charAt(0);
        String dtype = kind + d.group(3);
        int size;
        SampleDepth depth;
        switch (dtype) {
            case "f4" -> { size = 4; depth = SampleDepth.FLOAT; }
            case "f8" -> { size = 8; depth = SampleDepth.FLOAT; }
            case "u1" -> { size = 1; depth = SampleDepth.U8; }
            case "u2" -> { size = 2; depth = SampleDepth.U16; }
            default -> throw new ImageFormatException("unsupported .npy dtype '" + d.group(0).replaceAll(".*: *", "")
                    + "' (convkit reads float32, float64, uint8, uint16)");
        }
        if (f.group(1).equals("True")) throw new ImageFormatException("Fortran-ordered .npy arrays are not supported");
        List<Long> shape = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) shape.add(dimension(part));
        }
        long channels = shape.size() == 2 ? 1 : shape.size() == 3 ? shape.get(2) : -1;
        if (channels < 1 || channels > 4) {
            throw new ImageFormatException("a .npy image must be HxW or HxWxC with C = 1..4, got shape " + shape);
        }
        long h = shape.get(0);
        long w = shape.get(1);
        PixelLimit.check(w, h, ".npy");
        long count = w * h * channels;
        long dataStart = start + headerLen;
        if (dataStart + count * size > bytes.length) {
            throw new ImageFormatException("truncated .npy data (shape " + shape + " of " + dtype + " needs " + count * size
                    + " bytes; " + (bytes.length - dataStart) + " follow the header)");
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) (count * size)).slice().order(order);
        float[] all = RawSamples.read(data, (int) count, kind == 'f' ? 'f' : 'u', size);
        Plane[] planes = deinterleave(all, (int) w, (int) h, (int) channels);
        boolean alpha = channels == 2 || channels == 4;
        int colours = alpha ? (int) channels - 1 : (int) channels;
        return new DecodedImage(new FloatImage(java.util.Arrays.copyOf(planes, colours)), alpha ? planes[colours] : null, depth);
    }

    /** One entry of the shape tuple: a decimal integer (Python 2 wrote longs as 28L). */
    private static long dimension(String part) throws ImageFormatException {
        String t = part.strip();
        if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ImageFormatException("bad .npy header (shape entry '" + part.strip() + "')");
        }
        return Long.parseLong(t);
    }

    static Plane[] deinterleave(float[] all, int w, int h, int n) {
        Plane[] planes = new Plane[n];
        for (int c = 0; c < n; c++) {
            float[] p = new float[w * h];
            for (int i = 0, k = c; i < p.length; i++, k += n) p[i] = all[k];
            planes[c] = new Plane(w, h, p);
        }
        return planes;
    }

    static void write(DecodedImage img, SampleDepth depth, RangeMode range, OutputStream out) throws IOException {
        int[] order = Interleave.natural(img, true);
        int n = order.length;
        String descr = switch (depth) {
            case U8 -> "|u1";
            case U16 -> "<u2";
            case FLOAT -> "<f4";
        };
        String shape = n == 1 ? "(" + img.height() + ", " + img.width() + ")"
                : "(" + img.height() + ", " + img.width() + ", " + n + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n"; // NumPy aligns the data to 64 bytes
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        switch (depth) {
            case U8 -> out.write(Interleave.bytes(img, order, range));
            case U16 -> RawSamples.write(out, Interleave.shorts(img, order, range), ByteOrder.LITTLE_ENDIAN);
            case FLOAT -> RawSamples.write(out, Interleave.floats(img, order), ByteOrder.LITTLE_ENDIAN);
        }
    }
}
