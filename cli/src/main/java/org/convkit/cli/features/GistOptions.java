package org.convkit.cli.features;

import java.util.Arrays;
import org.convkit.features.gist.GistParameters;
import picocli.CommandLine.Option;

/** GIST's options except {@code --orientations}. */
public final class GistOptions {
    @Option(names = "--size", paramLabel = "N", defaultValue = "128",
            description = "Side of the square the image is resized and centre-cropped to, even, 8 to 1024; LMgist's default 128; 256, or 32 for tiny images (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "4",
            description = "Responses averaged over an NxN grid (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--fc", paramLabel = "CYCLES", defaultValue = "4",
            description = "Cut-off of the whitening prefilter, cycles per image (default: ${DEFAULT-VALUE}).")
    double fc;

    @Option(names = "--boundary", paramLabel = "PIXELS", defaultValue = "32",
            description = "Symmetric extension before the Gabor FFT, 0 to 256; the filters take orientations x (size + 2 boundary)^2 x 8 bytes, at most 1 GB (default: ${DEFAULT-VALUE}).")
    int boundary;

    @Option(names = "--color", description = "LEAR's colour variant: prefilter on the mean channel, one vector per R, G, B channel, concatenated (960 values with --orientations 8,8,4).")
    boolean color;

    /** Limits, checked before the filter bank is built: {@code filters x (size + 2 boundary)^2} complex floats. */
    public static final int MAX_SIZE = 1024;
    public static final int MAX_BOUNDARY = 256;
    public static final int MAX_SCALES = 8;
    public static final int MAX_ORIENTATIONS_PER_SCALE = 32;
    public static final long MAX_BANK_BYTES = 1L << 30;

    /** The parameters; IllegalArgumentException naming the option and its limits for a bad value. */
    public GistParameters parameters(int[] orientations) {
        if (size < 8 || size > MAX_SIZE) {
            throw new IllegalArgumentException("--size must be from 8 to " + MAX_SIZE + ", got " + size);
        }
        if (boundary < 0 || boundary > MAX_BOUNDARY) {
            throw new IllegalArgumentException("--boundary must be from 0 to " + MAX_BOUNDARY + ", got " + boundary);
        }
        if (blocks < 1 || blocks > size) {
            throw new IllegalArgumentException("--blocks must be from 1 to --size (" + size + "), got " + blocks);
        }
        if (!(fc > 0) || !Double.isFinite(fc)) {
            throw new IllegalArgumentException("--fc must be a positive number, got " + fc);
        }
        if (orientations.length > MAX_SCALES || Arrays.stream(orientations).anyMatch(o -> o < 1 || o > MAX_ORIENTATIONS_PER_SCALE)) {
            throw new IllegalArgumentException("--orientations takes 1 to " + MAX_SCALES + " scales of 1 to "
                    + MAX_ORIENTATIONS_PER_SCALE + " orientations each, got " + Arrays.toString(orientations));
        }
        long side = size + 2L * boundary;
        long bank = Arrays.stream(orientations).asLongStream().sum() * side * side * 8;
        if (bank > MAX_BANK_BYTES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the Gabor filters would take %,d MB for --size %d, --boundary %d and %d orientations (at most %,d MB)",
                    bank >> 20, size, boundary, Arrays.stream(orientations).sum(), MAX_BANK_BYTES >> 20));
        }
        return new GistParameters(size, orientations, blocks, fc, boundary, color);
    }

    /** "8,8,8,8": one number of orientations per scale, finest first. */
    public static int[] orientations(String s) {
        try {
            int[] o = Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (o.length > 0) {
                return o;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--orientations takes one number per scale, as 8,8,8,8; got '" + s + "'");
    }
}
