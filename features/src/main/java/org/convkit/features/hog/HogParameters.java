package org.convkit.features.hog;

/**
 * The parameters of a HOG descriptor, named and ordered as scikit-image's {@code hog}: cells and
 * blocks are (rows, columns).
 *
 * @param orientations  orientation bins over [0, 180) degrees, or [0, 360) when {@code signed}
 * @param cellRows      pixels per cell, vertically
 * @param cellCols      pixels per cell, horizontally
 * @param blockRows     cells per block, vertically
 * @param blockCols     cells per block, horizontally
 * @param norm          block normalisation
 * @param transformSqrt take the square root of every pixel first (power-law compression)
 * @param signed        keep the gradient's sign: orientations modulo 360 degrees instead of 180 (Dalal &amp;
 *                      Triggs found unsigned better for people; on Fashion-MNIST 18 signed bins scored higher
 *                      than 9 unsigned, bench/RESULTS.md "Screening: signed HOG"); scikit-image has no such option
 */
public record HogParameters(int orientations, int cellRows, int cellCols, int blockRows, int blockCols,
                            BlockNorm norm, boolean transformSqrt, boolean signed) {

    /** scikit-image's defaults: 9 orientations, 8x8-pixel cells, 3x3-cell blocks, L2-Hys. */
    public static final HogParameters DEFAULT = new HogParameters(9, 8, 8, 3, 3, BlockNorm.L2_HYS, false);

    /** Unsigned orientations, as scikit-image's {@code hog}. */
    public HogParameters(int orientations, int cellRows, int cellCols, int blockRows, int blockCols,
                         BlockNorm norm, boolean transformSqrt) {
        this(orientations, cellRows, cellCols, blockRows, blockCols, norm, transformSqrt, false);
    }

    public HogParameters {
        if (orientations < 1) {
            throw new IllegalArgumentException("orientations must be at least 1, got " + orientations);
        }
        if (cellRows < 1 || cellCols < 1) {
            throw new IllegalArgumentException("cell size must be positive, got " + cellRows + "x" + cellCols);
        }
        if (blockRows < 1 || blockCols < 1) {
            throw new IllegalArgumentException("block size must be positive, got " + blockRows + "x" + blockCols);
        }
        if (norm == null) {
            throw new IllegalArgumentException("block norm missing");
        }
    }

    /** The range the orientation bins cover: 360 degrees when signed, else 180. */
    public double orientationSpan() { return signed ? 360.0 : 180.0; }

    /** Whole cells down the image (scikit-image drops the incomplete last row of cells). */
    public int cellsDown(int height) { return height / cellRows; }

    /** Whole cells across the image. */
    public int cellsAcross(int width) { return width / cellCols; }

    public int blocksDown(int height) { return cellsDown(height) - blockRows + 1; }

    public int blocksAcross(int width) { return cellsAcross(width) - blockCols + 1; }

    /** True when an image of this size holds at least one block. */
    public boolean fits(int width, int height) { return blocksDown(height) >= 1 && blocksAcross(width) >= 1; }

    /** scikit-image's descriptor length: blocks down x blocks across x block cells x orientations. */
    public int length(int width, int height) {
        if (!fits(width, height)) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image is too small for one HOG block of "
                    + blockRows + "x" + blockCols + " cells of " + cellRows + "x" + cellCols + " pixels");
        }
        // exact: parameters read from a model file may be large enough to wrap
        return Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(blocksDown(height), blocksAcross(width)),
                blockRows), blockCols), orientations);
    }
}
