package org.convkit.features.gist;

/**
 * LMgist's averaging grid over the cropped {@code size x size} response: block edges
 * {@code fix(linspace(0, size, blocks + 1))} on both axes, and the order of the means in the output
 * (column-major, the block row index varying fastest, as LMgist's {@code reshape(v, [W N])}).
 */
final class BlockGrid {
    final int blocks;
    final int[] edges;
    /** Block index of each row (or column) of the crop. */
    final int[] blockOf;
    private final double[] area;

    BlockGrid(int size, int blocks) {
        this.blocks = blocks;
        edges = edges(size, blocks);
        blockOf = new int[size];
        for (int b = 0; b < blocks; b++) {
            for (int i = edges[b]; i < edges[b + 1]; i++) {
                blockOf[i] = b;
            }
        }
        area = new double[blocks * blocks];
        for (int by = 0; by < blocks; by++) {
            for (int bx = 0; bx < blocks; bx++) {
                area[by * blocks + bx] = (double) (edges[by + 1] - edges[by]) * (edges[bx + 1] - edges[bx]);
            }
        }
    }

    /** MATLAB's {@code fix(linspace(0, size, blocks + 1))}. */
    static int[] edges(int size, int blocks) {
        int[] e = new int[blocks + 1];
        double step = (double) size / blocks;
        for (int k = 0; k < blocks; k++) {
            e[k] = (int) (k * step);
        }
        e[blocks] = size;
        return e;
    }

    /**
     * Writes the block means of {@code sums[by * blocks + bx]} (sums over block row by, block column bx)
     * to {@code out} from {@code o} in LMgist's order; returns the next offset.
     */
    int writeMeans(double[] sums, float[] out, int o) {
        for (int bx = 0; bx < blocks; bx++) {
            for (int by = 0; by < blocks; by++) {
                out[o + bx * blocks + by] = (float) (sums[by * blocks + bx] / area[by * blocks + bx]);
            }
        }
        return o + blocks * blocks;
    }
}
