package org.convkit.io.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds PNG files chunk by chunk, valid or not, for tests of the decoders on hostile input. */
public final class PngBytes {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngBytes() {}

    /** The signature followed by the given chunks, as they are. */
    public static byte[] png(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A chunk: length, type, data and a correct CRC. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data).putInt((int) crc.getValue()).array();
    }

    /** The 13 bytes of an IHDR: size, bit depth, colour type, no interlace. */
    public static byte[] ihdrData(int width, int height, int depth, int colourType) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
    }

    public static byte[] ihdr(int width, int height, int depth, int colourType) {
        return chunk("IHDR", ihdrData(width, height, depth, colourType));
    }

    /** An IDAT holding {@code raw} (filter bytes included) compressed with zlib. */
    public static byte[] idat(byte[] raw) {
        Deflater d = new Deflater(9);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return chunk("IDAT", out.toByteArray());
    }

    public static byte[] iend() { return chunk("IEND", new byte[0]); }

    /** A valid 8-bit gray PNG of {@code width x height} whose pixels are {@code value}. */
    public static byte[] gray(int width, int height, int value) {
        byte[] raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(raw, y * (width + 1) + 1, (y + 1) * (width + 1), (byte) value);
        }
        return png(ihdr(width, height, 8, 0), idat(raw), iend());
    }
}
