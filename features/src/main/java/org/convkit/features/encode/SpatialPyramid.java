package org.convkit.features.encode;

import java.util.Arrays;

/**
 * Spatial pyramid pooling (Lazebnik et al. 2006): level {@code L} cuts the image into an L x L grid;
 * levels {@code {1, 2}} give the whole image plus a 2x2 grid, 5 cells. A descriptor falls in the cell
 * containing its centre; cells are numbered level by level, each grid row by row.
 */
public record SpatialPyramid(int[] levels) {

    public static final SpatialPyramid NONE = new SpatialPyramid(new int[] {1});

    public SpatialPyramid {
        if (levels.length == 0) {
            throw new IllegalArgumentException("a pyramid needs at least one level");
        }
        levels = levels.clone();
        for (int l : levels) {
            if (l < 1) {
                throw new IllegalArgumentException("pyramid levels must be at least 1, got " + l);
            }
        }
    }

    @Override
    public int[] levels() { return levels.clone(); }

    public int cellCount() {
        int n = 0;
        for (int l : levels) {
            n = Math.addExact(n, Math.multiplyExact(l, l));
        }
        return n;
    }

    /** The cell of each level that holds a point at {@code (x, y)} of a {@code w x h} image, into {@code cells}. */
    public void cellsOf(float x, float y, int w, int h, int[] cells) {
        int base = 0;
        for (int i = 0; i < levels.length; i++) {
            int l = levels[i];
            int cx = Math.min(l - 1, Math.max(0, (int) Math.floor(x * l / w)));
            int cy = Math.min(l - 1, Math.max(0, (int) Math.floor(y * l / h)));
            cells[i] = base + cy * l + cx;
            base += l * l;
        }
    }

    /** "1,2" form, for parameters. */
    public String format() { return String.join(",", Arrays.stream(levels).mapToObj(Integer::toString).toList()); }

    public static SpatialPyramid parse(String s) {
        return new SpatialPyramid(Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim())).toArray());
    }

    @Override
    public boolean equals(Object o) { return o instanceof SpatialPyramid p && Arrays.equals(p.levels, levels); }

    @Override
    public int hashCode() { return Arrays.hashCode(levels); }
}
