package org.convkit.cli.hostile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Damages a real file the way that breaks parsers: flipped bits, bytes and 16/32-bit fields set to
 * boundary values (0, -1, 2^31, 65535 ...) in either byte order, slices cut out, repeated or cut
 * off. Most edits land in the first 512 bytes, where headers declare sizes and counts. The same
 * seed always gives the same mutant, so a failure is reproduced from the seed alone.
 */
public final class Mutator {
    private static final int[] BOUNDARY = {0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
            0xFFFFFF, 0x1000000, 0x7FFFFFFF, 0x80000000, 0x40000000, 46341, 65536 * 3 + 1};
    private static final int HEADER = 512;

    private Mutator() {}

    public static byte[] mutate(byte[] original, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = original;
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits && b.length > 0; i++) {
            b = edit(b, r);
        }
        return b;
    }

    private static byte[] edit(byte[] b, SplittableRandom r) {
        byte[] out = b.clone();
        int at = offset(b.length, r);
        switch (r.nextInt(8)) {
            case 0 -> out[at] ^= (byte) (1 << r.nextInt(8));
            case 1 -> out[at] = (byte) r.nextInt(256);
            case 2, 3 -> {
                ByteOrder order = r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                int v = BOUNDARY[r.nextInt(BOUNDARY.length)];
                if (r.nextBoolean() && at + 2 <= out.length) {
                    ByteBuffer.wrap(out).order(order).putShort(at, (short) v);
                } else if (at + 4 <= out.length) {
                    ByteBuffer.wrap(out).order(order).putInt(at, v);
                }
            }
            case 4 -> out = Arrays.copyOf(b, r.nextInt(b.length)); // cut off
            case 5 -> { // cut a slice out
                int n = 1 + r.nextInt(Math.min(64, b.length - at));
                out = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, at + n, b.length));
            }
            case 6 -> { // repeat a slice (a chunk or a header field twice)
                int n = 1 + r.nextInt(Math.min(64, b.length - at));
                out = concat(Arrays.copyOfRange(b, 0, at + n), Arrays.copyOfRange(b, at, b.length));
            }
            default -> { // the digits of a text header changed (PNM, PFM, .npy)
                if (Character.isDigit(out[at])) {
                    out[at] = (byte) ('0' + r.nextInt(10));
                } else {
                    out[at] = (byte) "9-0 x,."
                            .charAt(r.nextInt(7));
                }
            }
        }
        return out;
    }

    private static int offset(int length, SplittableRandom r) {
        return r.nextInt(10) < 7 ? r.nextInt(Math.min(length, HEADER)) : r.nextInt(length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
