package org.convkit.io.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes arrays of samples as raw bytes in a given byte order, in chunks. */
final class RawSamples {
    private static final int CHUNK = 1 << 16;

    private RawSamples() {}

    static void write(OutputStream out, float[] a, ByteOrder order) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(CHUNK, a.length * 4)).order(order);
        for (int i = 0; i < a.length; ) {
            buf.clear();
            int n = Math.min(a.length - i, buf.capacity() / 4);
            buf.asFloatBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 4);
            i += n;
        }
    }

    static void write(OutputStream out, short[] a, ByteOrder order) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(CHUNK, a.length * 2)).order(order);
        for (int i = 0; i < a.length; ) {
            buf.clear();
            int n = Math.min(a.length - i, buf.capacity() / 2);
            buf.asShortBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 2);
            i += n;
        }
    }
}
