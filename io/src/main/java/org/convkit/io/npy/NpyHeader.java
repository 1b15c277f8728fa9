package org.convkit.io.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file, as {@code numpy.lib.format} defines it: the magic
 * {@code \x93NUMPY}, a format version (1.0: a 16-bit header length; 2.0: 32-bit; 3.0: 32-bit and the
 * header in UTF-8 instead of Latin-1), then a Python dict literal with {@code descr} (the dtype),
 * {@code fortran_order} and {@code shape}, padded with spaces and a newline so that the data starts at a
 * multiple of 64 bytes.
 *
 * <p>The dtypes convkit reads and writes: {@code f4}, {@code f8}, {@code u1}, {@code u2}, {@code i4} in
 * either byte order, and {@code U<n>} (fixed-width UTF-32 strings, as NumPy stores {@code str} arrays).
 *
 * @param descr        the dtype as NumPy writes it ({@code <f4}, {@code |u1}, {@code >u2}, {@code <U12})
 * @param fortranOrder true when the data is in column-major order (NumPy writes a transposed array so)
 * @param shape        the dimensions, each {@code >= 0}; none for a scalar
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([a-zA-Z])(\\d{1,6})");
    /** The data's alignment in the file, as NumPy writes it. */
    private static final int ALIGN = 64;

    public NpyHeader {
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
        }
        try {
            itemSize(descr); // an unsupported dtype fails here, not when the data is read
        } catch (NpyFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** A C-order header. */
    public static NpyHeader of(String descr, long... shape) { return new NpyHeader(descr, false, shape); }

    @Override
    public long[] shape() { return shape.clone(); }

    /** The dtype's kind: {@code f} (float), {@code u} (unsigned), {@code i} (signed), {@code U} (string). */
    public char kind() { return descr.charAt(descr.length() - digits(descr) - 1); }

    /** Bytes per element. */
    public int itemSize() {
        try {
            return itemSize(descr);
        } catch (NpyFormatException e) {
            throw new IllegalStateException(e); // checked by the constructor
        }
    }

    /** The byte order of the elements ({@code |}, one byte, and {@code =}, native, as the machine's). */
    public ByteOrder order() {
        return switch (descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
    }

    /** The number of elements; {@link Long#MAX_VALUE} when the product of the shape overflows. */
    public long count() {
        long n = 1;
        for (long d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    /** The bytes of data the shape declares; {@link Long#MAX_VALUE} when that overflows. */
    public long dataBytes() {
        long n = count();
        return n > Long.MAX_VALUE / itemSize() ? Long.MAX_VALUE : n * itemSize();
    }

    private static int digits(String descr) {
        int k = 0;
        while (k < descr.length() && Character.isDigit(descr.charAt(descr.length() - 1 - k))) k++;
        return k;
    }

    private static int itemSize(String descr) throws NpyFormatException {
        Matcher m = TYPE.matcher(descr);
        if (!m.matches()) {
            throw unsupported(descr);
        }
        int n = Integer.parseInt(m.group(3));
        return switch (m.group(2) + n) {
            case "f4", "f8", "u1", "u2", "i4" -> n;
            default -> {
                if (m.group(2).equals("U") && n >= 1 && n <= 1 << 20) yield 4 * n;
                throw unsupported(descr);
            }
        };
    }

    private static NpyFormatException unsupported(String descr) {
        return new NpyFormatException("unsupported .npy dtype '" + descr
                + "' (convkit reads float32, float64, uint8, uint16, int32 and str)");
    }

    // ---- reading

    /** True when {@code head} starts with the {@code .npy} magic. */
    public static boolean matches(byte[] head) {
        if (head.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) return false;
        }
        return true;
    }

    /**
     * The header at the start of {@code file}: checked against the bytes that are there (not against
     * the data it declares; {@link NpyArray#of} does that before anything is allocated).
     */
    public static NpyHeader read(byte[] file) throws NpyFormatException {
        return parse(file, start(file), headerLength(file));
    }

    /** Where the data starts in {@code file}, whose header {@link #read} accepted. */
    static int dataOffset(byte[] file) throws NpyFormatException {
        return start(file) + (int) headerLength(file);
    }

    private static int start(byte[] file) throws NpyFormatException {
        if (!matches(file) || file.length < 10) throw new NpyFormatException("truncated .npy header");
        return switch (file[6]) {
            case 1 -> 10;
            case 2, 3 -> 12;
            default -> throw new NpyFormatException("unsupported .npy format version " + (file[6] & 0xff) + "." + (file[7] & 0xff)
                    + " (convkit reads 1.0, 2.0 and 3.0)");
        };
    }

    private static long headerLength(byte[] file) throws NpyFormatException {
        int start = start(file);
        if (file.length < start) throw new NpyFormatException("truncated .npy header");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long length = start == 10 ? b.getShort(8) & 0xffff : b.getInt(8) & 0xffffffffL;
        if (start + length > file.length) throw new NpyFormatException("truncated .npy header");
        return length;
    }

    private static NpyHeader parse(byte[] file, int start, long length) throws NpyFormatException {
        String header = new String(file, start, (int) length, file[6] == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            String shown = header.strip().replaceAll("\\s+", " ");
            throw new NpyFormatException("unreadable .npy header: " + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown));
        }
        String descr = d.group(1) + d.group(2) + d.group(3);
        itemSize(descr);
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",", -1)) {
            if (!part.isBlank()) dims.add(dimension(part));
        }
        return new NpyHeader(descr, f.group(1).equals("True"), dims.stream().mapToLong(Long::longValue).toArray());
    }

    /** One entry of the shape tuple: a decimal integer (Python 2 wrote longs as 28L). */
    private static long dimension(String part) throws NpyFormatException {
        String t = part.strip();
        if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new NpyFormatException("bad .npy header (shape entry '" + part.strip() + "')");
        }
        return Long.parseLong(t);
    }

    // ---- writing

    /**
     * The header's bytes as NumPy writes them: version 1.0 when the header fits in 64 KB, else 2.0;
     * 3.0 only for a header that Latin-1 cannot hold (never for the dtypes above).
     */
    public byte[] bytes() {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': ")
                .append(fortranOrder ? "True" : "False").append(", 'shape': ").append(tuple()).append(", }");
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(dict);
        byte[] text = dict.toString().getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        int prefix = latin1 && padded(10, text.length) - 10 <= 0xffff ? 10 : 12;
        byte version = prefix == 10 ? (byte) 1 : latin1 ? (byte) 2 : (byte) 3;
        int length = padded(prefix, text.length) - prefix;
        int padding = length - text.length - 1;
        ByteBuffer b = ByteBuffer.allocate(prefix + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put(version).put((byte) 0);
        if (prefix == 10) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        b.put(text);
        for (int i = 0; i < padding; i++) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    /** Prefix, header text and its newline, padded to the alignment. */
    private static int padded(int prefix, int text) {
        int total = prefix + text + 1;
        return (total + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** The shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    private String tuple() {
        StringBuilder t = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            t.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        return t.append(")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.descr.equals(descr) && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() { return descr.hashCode() * 31 + Arrays.hashCode(shape) + (fortranOrder ? 1 : 0); }

    @Override
    public String toString() { return descr + " " + Arrays.toString(shape) + (fortranOrder ? " (Fortran order)" : ""); }
}
