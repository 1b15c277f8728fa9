package org.convkit.cnn.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unfolds one image {@code [C, H, W]} into the column matrix {@code [C*kh*kw, Ho*Wo]} whose row
 * {@code (c, i, j)} holds input pixel {@code (c, oy*sh - ph + i*dh, ox*sw - pw + j*dw)} for every output
 * position (zero outside the image), so that a convolution becomes {@code W[out, C*kh*kw] * cols}.
 {@link #col2im} is its adjoint, used by the input gradient.
 */
public final class Im2col {
    private Im2col() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** {@code dst[d..d+n) = src[s..s+n)} in vectors with a masked tail: rows are short, arraycopy calls cost more. */
    private static void copy(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, src, s + i).intoArray(dst, d + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, src, s + i, m).intoArray(dst, d + i, m);
        }
    }

    /** {@code dst[d..d+n) += src[s..s+n)}. */
    private static void add(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, dst, d + i, m).add(FloatVector.fromArray(S, src, s + i, m)).intoArray(dst, d + i, m);
        }
    }

    public record Geometry(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        public int outH() { return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1; }

        public int outW() { return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1; }
    }

    /**
     * Writes the column matrix of one image at {@code cols[colOff + row * ld + pixel]}: {@code ld} larger
     * than {@code Ho*Wo} lets several images sit side by side, so one GEMM covers them all.
     */
    public static void im2col(Geometry g, float[] x, int xOff, float[] cols, int colOff, int ld) {
        int ho = g.outH(), wo = g.outW();
        int row = colOff;
        for (int c = 0; c < g.c(); c++) {
            int plane = xOff + c * g.h() * g.w();
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, row += ld) {
                    int ix0 = j * g.dw() - g.pw();
                    // output columns whose input column lies inside the image
                    int lo = ix0 >= 0 ? 0 : Math.min(wo, (-ix0 + g.sw() - 1) / g.sw());
                    int hi = g.w() - ix0 <= 0 ? 0 : Math.min(wo, (g.w() - ix0 + g.sw() - 1) / g.sw());
                    hi = Math.max(hi, lo);
                    if (contiguous(g) && hi > lo) {
                        shiftedPlane(g, x, plane, cols, row, i, ix0, lo, hi);
                        continue;
                    }
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * g.sh() - g.ph() + i * g.dh();
                        int dst = row + oy * wo;
                        if (iy < 0 || iy >= g.h()) {
                            Arrays.fill(cols, dst, dst + wo, 0f);
                            continue;
                        }
                        int src = plane + iy * g.w() + ix0;
                        for (int ox = 0; ox < lo; ox++) {
                            cols[dst + ox] = 0f;
                        }
                        if (g.sw() == 1) {
                            copy(x, src + lo, cols, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                cols[dst + ox] = x[src + ox * g.sw()];
                            }
                        }
                        for (int ox = hi; ox < wo; ox++) {
                            cols[dst + ox] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code dx[C, H, W] += fold(cols)}: the adjoint of {@link #im2col} (same layout, row stride {@code ld}).
     * Uses {@code cols} as scratch: values that belong to padding may be zeroed.
     */
    public static void col2im(Geometry g, float[] cols, int colOff, int ld, float[] dx, int dxOff) {
        int ho = g.outH(), wo = g.outW();
        int row = colOff;
        for (int c = 0; c < g.c(); c++) {
            int plane = dxOff + c * g.h() * g.w();
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++, row += ld) {
                    int ix0 = j * g.dw() - g.pw();
                    int lo = ix0 >= 0 ? 0 : Math.min(wo, (-ix0 + g.sw() - 1) / g.sw());
                    int hi = g.w() - ix0 <= 0 ? 0 : Math.min(wo, (g.w() - ix0 + g.sw() - 1) / g.sw());
                    if (contiguous(g) && hi > lo) {
                        addShiftedPlane(g, cols, row, dx, plane, i, ix0, lo, hi);
                        continue;
                    }
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * g.sh() - g.ph() + i * g.dh();
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        int src = row + oy * wo;
                        int dst = plane + iy * g.w() + ix0;
                        if (g.sw() == 1) {
                            add(cols, src + lo, dx, dst + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                dx[dst + ox * g.sw()] += cols[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * With stride 1 and an output as wide as the input, the rows of one (c, i, j) are the input plane
     * shifted by a constant: a single long copy, then the columns that wrapped around are zeroed.
     */
    private static boolean contiguous(Geometry g) {
        return g.sh() == 1 && g.sw() == 1 && g.outW() == g.w();
    }

    /** Output rows {@code [oyLo, oyHi)} whose input row lies inside the image, for kernel row {@code i}. */
    private static int oyLo(Geometry g, int i) {
        return Math.min(g.outH(), Math.max(0, g.ph() - i * g.dh()));
    }

    private static int oyHi(Geometry g, int i) {
        return Math.max(oyLo(g, i), Math.min(g.outH(), g.h() + g.ph() - i * g.dh()));
    }

    private static void shiftedPlane(Geometry g, float[] x, int plane, float[] cols, int row, int i, int ix0, int lo, int hi) {
        int wo = g.outW(), ho = g.outH();
        int a = oyLo(g, i), b = oyHi(g, i);
        Arrays.fill(cols, row, row + a * wo, 0f);
        if (b > a) {
            int first = row + a * wo + lo, last = row + (b - 1) * wo + hi; // [first, last) of cols
            int src = plane + (a + i * g.dh() - g.ph()) * g.w() + ix0 + lo;
            copy(x, src, cols, first, last - first);
            for (int oy = a; oy < b; oy++) {
                int r = row + oy * wo;
                for (int ox = 0; ox < lo; ox++) {
                    cols[r + ox] = 0f;
                }
                for (int ox = hi; ox < wo; ox++) {
                    cols[r + ox] = 0f;
                }
            }
        }
        Arrays.fill(cols, row + b * wo, row + ho * wo, 0f);
    }

    /** The adjoint: clears the wrapped columns of the (scratch) columns, then one long add. */
    private static void addShiftedPlane(Geometry g, float[] cols, int row, float[] dx, int plane, int i, int ix0, int lo, int hi) {
        int wo = g.outW();
        int a = oyLo(g, i), b = oyHi(g, i);
        if (b <= a) {
            return;
        }
        for (int oy = a; oy < b; oy++) {
            int r = row + oy * wo;
            for (int ox = 0; ox < lo; ox++) {
                cols[r + ox] = 0f;
            }
            for (int ox = hi; ox < wo; ox++) {
                cols[r + ox] = 0f;
            }
        }
        int first = row + a * wo + lo, last = row + (b - 1) * wo + hi;
        add(cols, first, dx, plane + (a + i * g.dh() - g.ph()) * g.w() + ix0 + lo, last - first);
    }
}
