package org.convkit.io.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Baseline little-endian TIFF, one uncompressed strip, chunky samples of 8, 16 or 32 bits (float,
 * SampleFormat 3: what OpenCV, tifffile and ImageJ read as a float image). Alpha is an unassociated
 * extra sample.
 */
final class TiffWriter {
    private static final short SHORT = 3;
    private static final short LONG = 4;

    private TiffWriter() {}

    static void write(DecodedImage img, SampleDepth depth, RangeMode range, OutputStream out) throws IOException {
        int[] order = Interleave.natural(img, true);
        int spp = order.length;
        boolean alpha = spp > img.image().channelCount();
        int bits = switch (depth) {
            case U8 -> 8;
            case U16 -> 16;
            case FLOAT -> 32;
        };
        long dataBytes = (long) img.width() * img.height() * spp * (bits / 8);
        int entries = alpha ? 12 : 11;
        int ifdSize = 2 + entries * 12 + 4;
        int extra = 8 + ifdSize;                  // BitsPerSample and SampleFormat arrays when they do not fit
        boolean outOfLine = spp > 2;
        int dataOffset = extra + (outOfLine ? 4 * spp : 0);

        ByteBuffer h = ByteBuffer.allocate(dataOffset).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        h.putShort((short) entries);
        entry(h, 256, LONG, 1, img.width());
        entry(h, 257, LONG, 1, img.height());
        shorts(h, 258, spp, bits, outOfLine ? extra : -1);
        entry(h, 259, SHORT, 1, 1);                                     // no compression
        entry(h, 262, SHORT, 1, img.image().channelCount() == 1 ? 1 : 2); // BlackIsZero or RGB
        entry(h, 273, LONG, 1, dataOffset);
        entry(h, 277, SHORT, 1, spp);
        entry(h, 278, LONG, 1, img.height());
        entry(h, 279, LONG, 1, (int) dataBytes);
        entry(h, 284, SHORT, 1, 1);                                     // chunky
        if (alpha) {
            entry(h, 338, SHORT, 1, 2);                                 // unassociated alpha
        }
        shorts(h, 339, spp, depth == SampleDepth.FLOAT ? 3 : 1, outOfLine ? extra + 2 * spp : -1);
        h.putInt(0);
        if (outOfLine) {
            for (int i = 0; i < spp; i++) h.putShort((short) bits);
            for (int i = 0; i < spp; i++) h.putShort((short) (depth == SampleDepth.FLOAT ? 3 : 1));
        }
        if (dataBytes > 0xffffffffL - dataOffset) throw new IOException("image too large for a TIFF strip");
        out.write(h.array());
        switch (depth) {
            case U8 -> out.write(Interleave.bytes(img, order, range));
            case U16 -> RawSamples.write(out, Interleave.shorts(img, order, range), ByteOrder.LITTLE_ENDIAN);
            case FLOAT -> RawSamples.write(out, Interleave.floats(img, order), ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static void entry(ByteBuffer b, int tag, short type, int count, int value) {
        b.putShort((short) tag).putShort(type).putInt(count);
        if (type == SHORT && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** A SHORT array of {@code count} equal values: inline when it fits in four bytes, else at {@code offset}. */
    private static void shorts(ByteBuffer b, int tag, int count, int value, int offset) {
        b.putShort((short) tag).putShort(SHORT).putInt(count);
        if (offset < 0) {
            b.putShort((short) value).putShort(count == 2 ? (short) value : 0);
        } else {
            b.putInt(offset);
        }
    }
}
