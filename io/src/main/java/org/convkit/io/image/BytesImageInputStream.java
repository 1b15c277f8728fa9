package org.convkit.io.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO input stream over a byte array: no cache file, no copying (a file is read whole first).
 * Some readers are lenient at the end of a truncated file and go on decoding zeros, one end-of-file
 * per missing byte (TwelveMonkeys' lossless WebP does, for as many pixels as the header declares: minutes
 * for a few hundred bytes). After {@link #READS_PAST_END} reads past the end this stream throws
 * {@link ReadPastEnd}, which such a reader does not catch, and the file is refused as truncated.
 */
final class BytesImageInputStream extends ImageInputStreamImpl {
    /** Enough for every reader's look-ahead at a real end of file. */
    static final int READS_PAST_END = 4096;

    private final byte[] bytes;
    private int readsPastEnd;

    /** Thrown when a reader keeps reading a file that has ended. */
    static final class ReadPastEnd extends IllegalStateException {
        ReadPastEnd() { super("the file ends, and the reader kept reading past its end"); }
    }

    BytesImageInputStream(byte[] bytes) { this.bytes = bytes; }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : end();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) return 0;
        if (streamPos >= bytes.length) return end();
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() { return bytes.length; }

    private int end() {
        if (++readsPastEnd > READS_PAST_END) {
            throw new ReadPastEnd();
        }
        return -1;
    }
}
