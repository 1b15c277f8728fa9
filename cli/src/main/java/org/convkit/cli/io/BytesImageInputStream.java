package org.convkit.cli.io;

import javax.imageio.stream.ImageInputStreamImpl;

/** An ImageIO input stream over a byte array: no cache file, no copying (a file is read whole first). */
final class BytesImageInputStream extends ImageInputStreamImpl {
    private final byte[] bytes;

    BytesImageInputStream(byte[] bytes) { this.bytes = bytes; }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) return 0;
        if (streamPos >= bytes.length) return -1;
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() { return bytes.length; }
}
