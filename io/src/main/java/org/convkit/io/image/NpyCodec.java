package org.convkit.io.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.convkit.io.npy.Npy;
import org.convkit.io.npy.NpyArray;
import org.convkit.io.npy.NpyFormatException;
import org.convkit.io.npy.NpyHeader;

/**
 * Images as NumPy {@code .npy} arrays, through the one NumPy codec ({@link Npy}): {@code HxW} gray or
 * {@code HxWxC} with C = 1..4 (2 = gray + alpha, 4 = RGBA), C or Fortran order, dtypes float32, float64,
 * uint8, uint16 in either byte order.
 */
final class NpyCodec {
    private NpyCodec() {}

    static boolean matches(byte[] head) { return Npy.matches(head); }

    static DecodedImage read(byte[] bytes) throws ImageFormatException {
        NpyHeader header;
        try {
            header = NpyHeader.read(bytes);
        } catch (NpyFormatException e) {
            throw new ImageFormatException(e.getMessage(), e);
        }
        SampleDepth depth = switch (header.descr().replaceAll("^[<>|=]", "")) {
            case "f4", "f8" -> SampleDepth.FLOAT;
            case "u1" -> SampleDepth.U8;
            case "u2" -> SampleDepth.U16;
            default -> throw new ImageFormatException("unsupported .npy dtype '" + header.descr()
                    + "' for an image (convkit reads float32, float64, uint8, uint16)");
        };
        long[] shape = header.shape();
        long channels = shape.length == 2 ? 1 : shape.length == 3 ? shape[2] : -1;
        if (channels < 1 || channels > 4) {
            throw new ImageFormatException("a .npy image must be HxW or HxWxC with C = 1..4, got shape " + Arrays.toString(shape));
        }
        long h = shape[0];
        long w = shape[1];
        PixelLimit.check(w, h, ".npy");
        float[] all;
        try {
            all = NpyArray.of(bytes, header).floats();
        } catch (NpyFormatException e) {
            throw new ImageFormatException(e.getMessage(), e);
        }
        Plane[] planes = deinterleave(all, (int) w, (int) h, (int) channels);
        boolean alpha = channels == 2 || channels == 4;
        int colours = alpha ? (int) channels - 1 : (int) channels;
        return new DecodedImage(new FloatImage(Arrays.copyOf(planes, colours)), alpha ? planes[colours] : null, depth);
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
        out.write(n == 1 ? Npy.header(descr, img.height(), img.width()) : Npy.header(descr, img.height(), img.width(), n));
        switch (depth) {
            case U8 -> out.write(Interleave.bytes(img, order, range));
            case U16 -> RawSamples.write(out, Interleave.shorts(img, order, range), ByteOrder.LITTLE_ENDIAN);
            case FLOAT -> RawSamples.write(out, Interleave.floats(img, order), ByteOrder.LITTLE_ENDIAN);
        }
    }
}
