package org.convkit.io.image;

import java.util.Locale;

/**
 * The largest image, in pixels, that convkit decodes: every decoder asks here with the width and height
 * from the file's header, before it allocates anything for the pixels, so that a small file declaring a
 * huge image is refused instead of filling the memory.
 *
 * <p>The default, 178,956,970 pixels (for example 13,377 x 13,377), is where Pillow turns its
 * decompression-bomb warning ({@code Image.MAX_IMAGE_PIXELS} = 89,478,485) into an error: Pillow's
 * users have met it for years, and an RGB image that size is 2.1 GB as convkit's float planes. It is
 * changed by {@code --max-pixels N} on every command, or the environment variable
 * {@code CONVKIT_MAX_PIXELS}; {@code none} (or 0) removes it. Whatever the limit, one plane holds at most
 * {@link #ARRAY_MAX} pixels, the length of a Java array.
 *
 * <p>The limit is one value for the whole process, as Pillow's is: picocli sets it from
 * {@code --max-pixels} (or its default, the environment's value) every time a command is parsed.
 */
public final class PixelLimit {
    /** Pillow's error threshold: twice {@code Image.MAX_IMAGE_PIXELS}. */
    public static final long DEFAULT = 178_956_970L;
    public static final String ENVIRONMENT = "CONVKIT_MAX_PIXELS";
    /** The longest Java array the JVM will allocate. */
    public static final long ARRAY_MAX = Integer.MAX_VALUE - 8;

    private static volatile long max = fromEnvironment();

    private PixelLimit() {}

    /** The limit in pixels; {@link Long#MAX_VALUE} when there is none. */
    public static long max() { return max; }

    /** The limit as {@code --max-pixels} takes it: a count, or {@code none} (to pass it on to a command run in-process). */
    public static String asOption() { return max == Long.MAX_VALUE ? "none" : Long.toString(max); }

    public static void set(long pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be positive, got " + pixels);
        }
        max = pixels;
    }

    /**
     * A limit as the user writes it: a count of pixels ({@code 500000000}, underscores and commas
     * allowed), or {@code none} or {@code 0} for no limit ({@link Long#MAX_VALUE}).
     */
    public static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        if (t.equals("none")) {
            return Long.MAX_VALUE;
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a pixel count (a whole number, or none)");
        }
        if (n < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a pixel count (a whole number, or none)");
        }
        return n == 0 ? Long.MAX_VALUE : n;
    }

    /** {@code CONVKIT_MAX_PIXELS} when it is set and valid, else {@link #DEFAULT} (the command line reports a bad value). */
    private static long fromEnvironment() {
        String env = System.getenv(ENVIRONMENT);
        if (env == null || env.isBlank()) {
            return DEFAULT;
        }
        try {
            return parse(env);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }

    /**
     * Null when a {@code width x height} image may be decoded, else why not, for the caller's own
     * exception ("40000x40000 = 1,600,000,000 pixels, over the pixel limit of ..."). Dimensions are
     * longs so that any header's values can be passed without overflow.
     */
    public static String refusal(long width, long height) {
        if (width < 1 || height < 1) {
            return width + "x" + height + " is not an image size";
        }
        long pixels = width > Long.MAX_VALUE / height ? Long.MAX_VALUE : width * height;
        if (pixels > max) {
            return String.format(Locale.ROOT, "%dx%d = %,d pixels, over the pixel limit of %,d (--max-pixels N or %s=N raises it)",
                    width, height, pixels, max, ENVIRONMENT);
        }
        if (pixels > ARRAY_MAX) {
            return String.format(Locale.ROOT, "%dx%d = %,d pixels, more than convkit's image planes hold (%,d)",
                    width, height, pixels, ARRAY_MAX);
        }
        return null;
    }

    /** Throws unless a {@code width x height} image of {@code format} ("PNG", "PFM") may be decoded. */
    static void check(long width, long height, String format) throws ImageFormatException {
        if (width < 1 || height < 1) {
            throw new ImageFormatException("corrupt " + format + " (size " + width + "x" + height + ")");
        }
        String reason = refusal(width, height);
        if (reason != null) {
            throw new ImageFormatException(format + " of " + reason);
        }
    }
}
