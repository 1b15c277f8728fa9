package org.convkit.cli.features;

import java.util.Arrays;
import org.convkit.features.gist.GistParameters;
import picocli.CommandLine.Option;

/** GIST's options except {@code --orientations}. */
public final class GistOptions {
    @Option(names = "--size", paramLabel = "N", defaultValue = "128",
            description = "Side of the square the image is resized and centre-cropped to, even; LMgist's default 128; 256, or 32 for tiny images (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "4",
            description = "Responses averaged over an NxN grid (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--fc", paramLabel = "CYCLES", defaultValue = "4",
            description = "Cut-off of the whitening prefilter, cycles per image (default: ${DEFAULT-VALUE}).")
    double fc;

    @Option(names = "--boundary", paramLabel = "PIXELS", defaultValue = "32",
            description = "Symmetric extension before the Gabor FFT (default: ${DEFAULT-VALUE}).")
    int boundary;

    @Option(names = "--color", description = "LEAR's colour variant: prefilter on the mean channel, one vector per R, G, B channel, concatenated (960 values with --orientations 8,8,4).")
    boolean color;

    public GistParameters parameters(int[] orientations) {
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
