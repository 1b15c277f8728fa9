package org.convkit.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        int w = (int) number(bytes, pos);
        int h = (int) number(bytes, pos);
        double scale = number(bytes, pos);
        pos[0]++; // the single whitespace byte that ends the header
        int channels = bytes[1] == 'F' ? 3 : 1;
        if (w <= 0 || h <= 0 || scale == 0) throw new ImageFormatException("bad PFM header");
        long count = (long) w * h * channels;
        if (pos[0] + count * 4 > bytes.length) throw new ImageFormatException("truncated PFM data");
        ByteBuffer data = ByteBuffer.wrap(bytes, pos[0], (int) (count * 4)).slice()
                .order(scale < 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        float[] all = new float[(int) count];
        data.asFloatBuffer().get(all);
        float[] flipped = new float[all.length];
        int row = w * channels;
        for (int y = 0; y < h; y++) {
            System.arraycopy(all, (h - 1 - y) * row, flipped, y * row, row);
        }
        Plane[] planes = NpyCodec.deinterleave(flipped, w, h, channels);
        return new DecodedImage(new FloatImage(planes), SampleDepth.FLOAT);
    }

    private static double number(byte[] b, int[] pos) throws ImageFormatException {
        int i = pos[0];
        while (i < b.length && Character.isWhitespace(b[i])) i++;
        int start = i;
        while (i < b.length && !Character.isWhitespace(b[i])) i++;
        pos[0] = i;
        try {
            return Double.parseDouble(new String(b, start, i - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new ImageFormatException("bad PFM header");
        }
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
