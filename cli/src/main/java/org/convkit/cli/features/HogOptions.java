package org.convkit.cli.features;

import org.convkit.features.hog.BlockNorm;
import org.convkit.features.hog.HogParameters;
import picocli.CommandLine.Option;

/** HOG's options except {@code --orientations} (whose form differs between hog and gist). */
public final class HogOptions {
    @Option(names = "--cell", paramLabel = "N|RxC", defaultValue = "8",
            description = "Pixels per cell: N, or RxC for R rows by C columns as scikit-image's (rows, cols); 'baseline train'"
                    + " also takes a comma-separated list (e.g. 3,4,7): one HOG per cell size, concatenated (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--block", paramLabel = "N|RxC", defaultValue = "3",
            description = "Cells per block: N, or RxC (default: ${DEFAULT-VALUE}).")
    String block;

    @Option(names = "--block-norm", paramLabel = "NORM", defaultValue = "L2-Hys",
            description = "L1, L1-sqrt, L2 or L2-Hys (L2, clipped at 0.2, L2 again; eps 1e-5) (default: ${DEFAULT-VALUE}).")
    String blockNorm;

    @Option(names = "--transform-sqrt", negatable = true, description = "Square root of every pixel first (power-law compression).")
    boolean transformSqrt;

    @Option(names = "--signed", negatable = true, description = "Keep the gradient's sign: orientations over 0-360 degrees"
            + " instead of 0-180 (not in scikit-image); pair with --orientations 18 for bins as wide as the default 9 unsigned"
            + " ones (default: unsigned; 'baseline train' with the chi2 kernel map: signed, 18 orientations).")
    boolean signed;

    /** Whether --signed was given (and not --no-signed). */
    public boolean signed() { return signed; }

    /** Orientation bins at most: one per degree. */
    public static final int MAX_ORIENTATIONS = 360;

    /** A descriptor's values at most (a 1 GB vector), checked before it is computed. */
    public static final long MAX_LENGTH = 1L << 28;

    /** The parameters; IllegalArgumentException with a readable message for bad values. */
    public HogParameters parameters(int orientations) {
        checkOrientations(orientations);
        int[] c = pair(cell, "--cell");
        int[] b = pair(block, "--block");
        return new HogParameters(orientations, c[0], c[1], b[0], b[1], BlockNorm.parse(blockNorm), transformSqrt, signed);
    }

    /**
     * One parameter set per cell size of a comma-separated {@code --cell} ("3,4,7"), the other parameters
     * shared: the parts of a {@link org.convkit.features.hog.MultiScaleHog}. A single size gives one set.
     */
    public java.util.List<HogParameters> parametersPerCell(int orientations) {
        checkOrientations(orientations);
        int[] b = pair(block, "--block");
        BlockNorm norm = BlockNorm.parse(blockNorm);
        java.util.List<HogParameters> out = new java.util.ArrayList<>();
        for (String size : cell.split(",", -1)) {
            int[] c;
            try {
                c = pair(size, "--cell");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--cell takes N, RxC or a comma-separated list of them, got '" + cell + "'");
            }
            out.add(new HogParameters(orientations, c[0], c[1], b[0], b[1], norm, transformSqrt, signed));
        }
        return out;
    }

    private static void checkOrientations(int orientations) {
        if (orientations < 1 || orientations > MAX_ORIENTATIONS) {
            throw new IllegalArgumentException("--orientations must be from 1 to " + MAX_ORIENTATIONS + ", got " + orientations);
        }
    }

    /**
     * Refuses an image whose descriptor would exceed {@link #MAX_LENGTH} values (a large image with tiny
     * cells), before anything is allocated; an image too small for one block is left to the descriptor.
     */
    public static void checkLength(HogParameters p, int width, int height) {
        if (!p.fits(width, height)) {
            return;
        }
        long length = (long) p.blocksDown(height) * p.blocksAcross(width) * p.blockRows() * p.blockCols() * p.orientations();
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a %d x %d image gives %,d HOG values with these cells and blocks (at most %,d); use larger cells",
                    width, height, length, MAX_LENGTH));
        }
    }

    /** "8" is 8x8; "8x6" is 8 rows by 6 columns. */
    static int[] pair(String s, String option) {
        String[] parts = s.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0].trim());
                return new int[] {n, n};
            }
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(option + " takes N or RxC (rows x columns), got '" + s + "'");
    }
}
