package org.convkit.features.hog;

/** Bresenham's line between two pixels, visiting the same pixels as {@code skimage.draw.line}. */
final class Line {
    private Line() {}

    @FunctionalInterface
    interface PixelVisitor {
        void visit(int row, int col);
    }

    static void draw(int r0, int c0, int r1, int c1, PixelVisitor visitor) {
        int r = r0;
        int c = c0;
        int dr = Math.abs(r1 - r0);
        int dc = Math.abs(c1 - c0);
        int sc = c1 - c > 0 ? 1 : -1;
        int sr = r1 - r > 0 ? 1 : -1;
        boolean steep = dr > dc;
        if (steep) { // walk along rows instead: swap the roles of the axes
            int t = c; c = r; r = t;
            t = dc; dc = dr; dr = t;
            t = sc; sc = sr; sr = t;
        }
        int d = 2 * dr - dc;
        for (int i = 0; i < dc; i++) {
            if (steep) {
                visitor.visit(c, r);
            } else {
                visitor.visit(r, c);
            }
            while (d >= 0) {
                r += sr;
                d -= 2 * dc;
            }
            c += sc;
            d += 2 * dr;
        }
        visitor.visit(r1, c1);
    }
}
