package org.convkit.cli.hostile;

import java.lang.management.ManagementFactory;
import org.convkit.io.image.PixelLimit;

/**
 * Heap allocated by every thread between {@link #start} and {@link #bytes}, and the bound a decoder
 * must keep: what a file of some size can really hold, not what its header claims.
 */
record Allocation(long before, boolean thisThreadOnly) {
    /**
     * The densest coding convkit admits (GIF's LZW, 2,048 pixels a byte; PNG's deflate 1,032 samples a
     * byte) at 16 bytes a pixel: the decoder's raster and the float planes made from it.
     */
    static final long PER_FILE_BYTE = 2048 * 16;
    static final long FIXED = 64L << 20;

    /** Counts every thread's allocations (a decoder may use several). */
    static Allocation start() { return new Allocation(total(false), false); }

    /** Counts this thread's only, for several decoders running side by side. */
    static Allocation startOnThisThread() { return new Allocation(total(true), true); }

    long bytes() { return total(thisThreadOnly) - before; }

    static long bound(long fileBytes) { return FIXED + PER_FILE_BYTE * fileBytes; }

    /** Null when within the bound, else what went over. */
    String excess(long fileBytes) { return excess(fileBytes, bound(fileBytes)); }

    /**
     * The same for one image file, whose format may have no bound but the pixel limit: WebP (lossless
     * and blank lossy images compress without a useful bound), TIFF (fax) and PSD, as the README says.
     */
    String imageExcess(byte[] file) {
        boolean limitOnly = startsWith(file, 0, "RIFF") && startsWith(file, 8, "WEBP") || startsWith(file, 0, "II*\0")
                || startsWith(file, 0, "MM\0*") || startsWith(file, 0, "8BPS");
        return excess(file.length, limitOnly ? FIXED + 16 * PixelLimit.max() : bound(file.length));
    }

    private String excess(long fileBytes, long bound) {
        long used = bytes();
        return used <= bound ? null : "allocated " + (used >> 20) + " MB for a file of " + fileBytes + " bytes";
    }

    private static boolean startsWith(byte[] b, int at, String magic) {
        if (b.length < at + magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[at + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long total(boolean thisThreadOnly) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return thisThreadOnly ? threads.getCurrentThreadAllocatedBytes() : threads.getTotalThreadAllocatedBytes();
    }
}
