package org.convkit.cli.hostile;

import java.lang.management.ManagementFactory;

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
    String excess(long fileBytes) {
        long used = bytes();
        return used <= bound(fileBytes) ? null : "allocated " + (used >> 20) + " MB for a file of " + fileBytes + " bytes";
    }

    private static long total(boolean thisThreadOnly) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return thisThreadOnly ? threads.getCurrentThreadAllocatedBytes() : threads.getTotalThreadAllocatedBytes();
    }
}
