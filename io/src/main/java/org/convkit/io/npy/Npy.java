package org.convkit.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * NumPy's {@code .npy} files and {@code .npz} archives of them, read and written: format versions 1.0 to
 * 3.0, C and Fortran order, the dtypes of {@link NpyHeader}. The one NumPy codec of convkit: images
 * ({@code io.image}), feature matrices and the tests' reference arrays all go through it.
 */
public final class Npy {
    /** The longest Java array: no file or archive entry longer than this is read. */
    private static final long LARGEST = Integer.MAX_VALUE - 8;

    private Npy() {}

    /** True when {@code head} starts with the {@code .npy} magic. */
    public static boolean matches(byte[] head) { return NpyHeader.matches(head); }

    /** A whole {@code .npy} file's bytes as an array; a damaged file is an {@link NpyFormatException}. */
    public static NpyArray read(byte[] file) throws NpyFormatException { return NpyArray.of(file); }

    /** A {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        if (Files.size(file) > LARGEST) {
            throw new NpyFormatException(file + ": over 2 GB, more than convkit reads into one array");
        }
        try {
            return read(Files.readAllBytes(file));
        } catch (NpyFormatException e) {
            throw new NpyFormatException(file + ": " + e.getMessage());
        }
    }

    /** The arrays of a {@code .npz} archive ({@code numpy.savez}, stored or deflated), by name without {@code .npy}, in archive order. */
    public static Map<String, NpyArray> readNpz(Path archive) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readNBytes((int) LARGEST);
                    if (in.read() != -1) {
                        throw new NpyFormatException(archive + ":" + e.getName() + ": over 2 GB, more than convkit reads into one array");
                    }
                }
                try {
                    out.put(e.getName().replaceFirst("\\.npy$", ""), read(bytes));
                } catch (NpyFormatException x) {
                    throw new NpyFormatException(archive + ":" + e.getName() + ": " + x.getMessage());
                }
            }
        }
        return out;
    }

    /** The header of a C-order array, for writers that stream the data after it. */
    public static byte[] header(String descr, long... shape) { return NpyHeader.of(descr, shape).bytes(); }

    /** {@code array} as a {@code .npy} file, in C order. */
    public static void write(OutputStream out, NpyArray array) throws IOException { write(out, array, false); }

    /** {@code array} as a {@code .npy} file, in C order or (as NumPy writes a transposed array) in Fortran order. */
    public static void write(OutputStream out, NpyArray array, boolean fortranOrder) throws IOException {
        NpyHeader h = array.header();
        ByteBuffer data = array.data();
        boolean reorder = fortranOrder && h.shape().length > 1; // below two dimensions the orders agree, and NumPy says C
        out.write(new NpyHeader(h.descr(), reorder, h.shape()).bytes());
        if (reorder) {
            out.write(NpyArray.reorder(data, h.shape(), h.itemSize(), true));
            return;
        }
        byte[] chunk = new byte[Math.min(1 << 16, Math.max(1, data.remaining()))];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** {@code array} as the bytes of a {@code .npy} file (C order). */
    public static byte[] bytes(NpyArray array) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
