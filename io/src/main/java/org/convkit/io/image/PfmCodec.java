package org.convkit.io.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * Portable float maps: {@code Pf} (gray) or {@code PF} (RGB), float32, rows stored bottom to top; a
 * negative scale means little-endian. Alpha cannot be stored.
 */
final class PfmCodec {
    private PfmCodec() {}

    static boolean matches(byte[] head) {
        return head.length >= 3 && head[0] == 'P' && (head[1] == 'f' || head[1] == 'F') && Character.isWhitespace(head[2]);
    }

    static DecodedImage read(byte[] bytes) throws ImageFormatException {
        int[] pos = {2};
        long w = size(bytes, pos);
        long h = size(bytes, pos);
        double scale = number(bytes, pos);
        pos[0]++; // the single whitespace byte that ends the header
        if (scale == 0 || Double.isNaN(scale)) {
            throw new ImageFormatException("bad PFM header (scale " + scale + ")");
        }
        PixelLimit.check(w, h, "PFM");
        int channels = bytes[1] == 'F' ? 3 : 1;
        long need = w * h * channels * Float.BYTES;
        if (pos[0] + need > bytes.length) {
            throw new ImageFormatException("truncated PFM data (a " + w + "x" + h + " image needs " + need + " bytes; "
                    + Math.max(0, bytes.length - pos[0]) + " follow the header)");
        }
        FloatBuffer data = ByteBuffer.wrap(bytes, pos[0], (int) need).slice()
                .order(scale < 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).asFloatBuffer();
        int width = (int) w;
        int height = (int) h;
        Plane[] planes = new Plane[channels];
        for (int c = 0; c < channels; c++) {
            float[] p = new float[width * height];
            for (int y = 0; y < height; y++) { // rows are stored bottom to top
                for (int x = 0, k = ((height - 1 - y) * width) * channels + c; x < width; x++, k += channels) {
                    p[y * width + x] = data.get(k);
                }
            }
            planes[c] = new Plane(width, height, p);
        }
        return new DecodedImage(new FloatImage(planes), SampleDepth.FLOAT);
    }

    /** A width or height: a positive decimal integer. */
    private static long size(byte[] b, int[] pos) throws ImageFormatException {
        String token = token(b, pos);
        if (token.isEmpty() || token.length() > 10 || !token.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ImageFormatException("bad PFM header (size '" + token + "')");
        }
        return Long.parseLong(token);
    }

    private static double number(byte[] b, int[] pos) throws ImageFormatException {
        String token = token(b, pos);
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new ImageFormatException("bad PFM header (scale '" + token + "')");
        }
    }

    /** The next whitespace-separated header word. */
    private static String token(byte[] b, int[] pos) throws ImageFormatException {
        int i = pos[0];
        while (i < b.length && Character.isWhitespace(b[i])) i++;
        int start = i;
        while (i < b.length && !Character.isWhitespace(b[i])) i++;
        pos[0] = i;
        if (i - start > 40) {
            throw new ImageFormatException("bad PFM header (a word of " + (i - start) + " bytes)");
        }
        return new String(b, start, i - start, StandardCharsets.US_ASCII);
    }

    static void write(DecodedImage img, OutputStream out) throws IOException {
        int n = img.image().channelCount();
        int w = img.width();
        int h = img.height();
        out.write(((n == 1 ? "Pf" : "PF") + "\n" + w + " " + h + "\n-1\n").getBytes(StandardCharsets.US_ASCII));
        float[] all = Interleave.floats(img, Interleave.natural(img, false));
        float[] flipped = new float[all.length];
        int row = w * n;
        for (int y = 0; y < h; y++) {
            System.arraycopy(all, (h - 1 - y) * row, flipped, y * row, row);
        }
        RawSamples.write(out, flipped, ByteOrder.LITTLE_ENDIAN);
    }
}
