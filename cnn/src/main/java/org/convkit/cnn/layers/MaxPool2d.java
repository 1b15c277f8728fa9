package org.convkit.cnn.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * Max pooling over k x k windows ({@code torch.nn.MaxPool2d}: padding counts as -infinity, floor mode).
 * The backward pass routes each window's gradient to its arg-max (the first on ties, as PyTorch),
 * remembered by the forward pass or, for 2x2 windows, found again.
 */
public final class MaxPool2d implements Layer {
    public final int kernel, stride, padding;
    private Tensor x, y, dx;
    private int[] argmax = new int[0];

    public MaxPool2d(int kernel, int stride, int padding) {
        Pooling.checkWindow("maxpool", kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public int[] outputShape(int[] s) {
        return Pooling.outputShape(this, s, kernel, stride, padding);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        int[] os = outputShape(input.sampleShape());
        x = input;
        int n = input.dim(0), c = os[0], ho = os[1], wo = os[2], h = input.dim(2), w = input.dim(3);
        y = Tensor.reuse(y, n, c, ho, wo);
        if (!pairs() && argmax.length < y.size()) {
            argmax = new int[y.size()];
        }
        float[] xd = x.data, yd = y.data;
        int xo = x.offset;
        Parallel.forRange(n * c, 16, (p0, p1) -> {
            for (int plane = p0; plane < p1; plane++) {
                int in = xo + plane * h * w;
                int out = plane * ho * wo;
                if (pairs()) {
                    pool2x2(xd, in, w, yd, out, ho, wo);
                    continue;
                }
                for (int oy = 0; oy < ho; oy++) {
                    int y0 = oy * stride - padding;
                    int ya = Math.max(0, y0), yb = Math.min(h, y0 + kernel);
                    for (int ox = 0; ox < wo; ox++) {
                        int x0 = ox * stride - padding;
                        int xa = Math.max(0, x0), xb = Math.min(w, x0 + kernel);
                        float best = Float.NEGATIVE_INFINITY;
                        int at = ya * w + xa;
                        for (int iy = ya; iy < yb; iy++) {
                            for (int ix = xa; ix < xb; ix++) {
                                float v = xd[in + iy * w + ix];
                                if (v > best || Float.isNaN(v)) {
                                    best = v;
                                    at = iy * w + ix;
                                    if (Float.isNaN(v)) {
                                        iy = yb;
                                        break;
                                    }
                                }
                            }
                        }
                        yd[out + oy * wo + ox] = best;
                        argmax[out + oy * wo + ox] = at;
                    }
                }
            }
        });
        return y;
    }

    private boolean pairs() { return kernel == 2 && stride == 2 && padding == 0; }

    /**
     * The common 2x2/2 case, {@code 2L} inputs of each row at a time: the maximum of the two rows, then
     * of adjacent lanes (even and odd lanes gathered from both vectors by one two-vector rearrange each).
     * {@code max} is exact and, as {@link Math#max}, propagates NaN, so the order of the comparisons does
     * not matter. No arg-max is stored; {@link #backward} finds it again (the first maximum, or first NaN).
     * A row's last vector is stored whole, spilling into the next output row (written after it), where
     * the plane has room; elsewhere (the last rows) a scalar loop. Masked loads and stores with a varying
     * mask cost three to five times as much as whole ones, and vectors merged from two branches are boxed.
     */
    private static void pool2x2(float[] x, int in, int w, float[] y, int out, int ho, int wo) {
        int n = 2 * wo;
        for (int oy = 0; oy < ho; oy++) {
            int r0 = in + 2 * oy * w, r1 = r0 + w, o = out + oy * wo;
            for (int i = 0; i < n; i += 2 * L) {
                if (i + 2 * L > n && (oy * wo + i / 2 + L > ho * wo || r1 + i + 2 * L > x.length)) {
                    for (int ox = i / 2; ox < wo; ox++) {
                        int a = r0 + 2 * ox, c = r1 + 2 * ox;
                        y[o + ox] = Math.max(Math.max(x[a], x[a + 1]), Math.max(x[c], x[c + 1]));
                    }
                    break;
                }
                FloatVector a = FloatVector.fromArray(S, x, r0 + i).max(FloatVector.fromArray(S, x, r1 + i));
                FloatVector b = FloatVector.fromArray(S, x, r0 + i + L).max(FloatVector.fromArray(S, x, r1 + i + L));
                a.rearrange(EVEN_OF_TWO, b).max(a.rearrange(ODD_OF_TWO, b)).intoArray(y, o + i / 2);
            }
        }
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lanes 0, 2, 4... and 1, 3, 5... of two vectors side by side (indexes past L take the second). */
    private static final VectorShuffle<Float> EVEN_OF_TWO, ODD_OF_TWO;
    /** The inverse: lanes 0 of both, 1 of both... for the first half of two vectors, then the second half. */
    private static final VectorShuffle<Float> LOW_PAIRS, HIGH_PAIRS;

    static {
        int[] even = new int[L], odd = new int[L], low = new int[L], high = new int[L];
        for (int i = 0; i < L; i++) {
            even[i] = 2 * i;
            odd[i] = 2 * i + 1;
            low[i] = i / 2 + (i % 2) * L;
            high[i] = L / 2 + i / 2 + (i % 2) * L;
        }
        EVEN_OF_TWO = VectorShuffle.fromArray(S, even, 0);
        ODD_OF_TWO = VectorShuffle.fromArray(S, odd, 0);
        LOW_PAIRS = VectorShuffle.fromArray(S, low, 0);
        HIGH_PAIRS = VectorShuffle.fromArray(S, high, 0);
    }

    /**
     * Routes each 2x2 window's gradient to its first maximum (or first NaN); windows do not overlap, so
     * every covered input is written once. {@code L} windows at a time, all in registers: each input row
     * pair is split into its even and odd lanes (as in {@link #pool2x2}), compared with the maxima, the
     * gradient blended in, and the lanes interleaved back for contiguous stores. Maxima fall at random, so a
     * scalar loop would mispredict most of its branches; gathers and scatters cost more than the shuffles.
     * As in {@link #pool2x2}, a row pair's last vectors are stored whole when the windows tile the plane's
     * width: the spill lands in rows written afterwards (the vectors of a row pair run right to left, so
     * the first row's spill into the second is overwritten by the second row's first vector). Windows
     * without that room, and vectors holding a NaN maximum, take the scalar loop.
     */
    private static void unpool2x2(float[] x, int in, int w, float[] y, int out, float[] g, int go, float[] d, int din,
                                  int ho, int wo) {
        FloatVector zero = FloatVector.zero(S);
        int n = 2 * wo;
        for (int oy = 0; oy < ho; oy++) {
            int r0 = 2 * oy * w, r1 = r0 + w, o = out + oy * wo;
            for (int i = (n - 1) / (2 * L) * (2 * L); i >= 0; i -= 2 * L) {
                boolean whole = i + 2 * L <= n || w == n && r1 + i + 2 * L <= 2 * ho * w && oy * wo + i / 2 + L <= ho * wo;
                if (!whole) {
                    unpoolScalar(x, in, w, y, out, g, go, d, din, oy, i / 2, wo, wo);
                    continue;
                }
                FloatVector best = FloatVector.fromArray(S, y, o + i / 2);
                if (best.test(VectorOperators.IS_NAN).anyTrue()) {
                    unpoolScalar(x, in, w, y, out, g, go, d, din, oy, i / 2, Math.min(wo, i / 2 + L), wo);
                    continue;
                }
                FloatVector gv = FloatVector.fromArray(S, g, go + o + i / 2);
                FloatVector a0 = FloatVector.fromArray(S, x, in + r0 + i), a1 = FloatVector.fromArray(S, x, in + r0 + i + L);
                FloatVector b0 = FloatVector.fromArray(S, x, in + r1 + i), b1 = FloatVector.fromArray(S, x, in + r1 + i + L);
                VectorMask<Float> e0 = a0.rearrange(EVEN_OF_TWO, a1).eq(best);
                VectorMask<Float> e1 = a0.rearrange(ODD_OF_TWO, a1).eq(best).andNot(e0);
                VectorMask<Float> seen = e0.or(e1);
                VectorMask<Float> e2 = b0.rearrange(EVEN_OF_TWO, b1).eq(best).andNot(seen);
                VectorMask<Float> e3 = seen.or(e2).not();
                FloatVector z0 = zero.blend(gv, e0), z1 = zero.blend(gv, e1), z2 = zero.blend(gv, e2), z3 = zero.blend(gv, e3);
                z0.rearrange(LOW_PAIRS, z1).intoArray(d, din + r0 + i);
                z0.rearrange(HIGH_PAIRS, z1).intoArray(d, din + r0 + i + L);
                z2.rearrange(LOW_PAIRS, z3).intoArray(d, din + r1 + i);
                z2.rearrange(HIGH_PAIRS, z3).intoArray(d, din + r1 + i + L);
            }
        }
    }

    private static void unpoolScalar(float[] x, int in, int w, float[] y, int out, float[] g, int go, float[] d, int din,
                                     int oy, int ox0, int ox1, int wo) {
        for (int ox = ox0; ox < ox1; ox++) {
            int a = 2 * oy * w + 2 * ox, c = a + w;
            float best = y[out + oy * wo + ox], gv = g[go + out + oy * wo + ox];
            boolean nan = best != best;
            float v0 = x[in + a], v1 = x[in + a + 1], v2 = x[in + c];
            boolean e0 = v0 == best || nan && v0 != v0;
            boolean e1 = !e0 && (v1 == best || nan && v1 != v1);
            boolean e2 = !e0 && !e1 && (v2 == best || nan && v2 != v2);
            d[din + a] = e0 ? gv : 0f;
            d[din + a + 1] = e1 ? gv : 0f;
            d[din + c] = e2 ? gv : 0f;
            d[din + c + 1] = !e0 && !e1 && !e2 ? gv : 0f;
        }
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape);
        if (!pairs() || x.dim(2) % 2 != 0 || x.dim(3) % 2 != 0) { // 2x2 windows tiling the input write all of it
            dx.fill(0f);
        }
        int planeIn = x.dim(2) * x.dim(3);
        int planeOut = y.dim(2) * y.dim(3);
        float[] g = dy.data, d = dx.data;
        int go = dy.offset;
        Parallel.forRange(y.dim(0) * y.dim(1), 16, (p0, p1) -> {
            for (int plane = p0; plane < p1; plane++) {
                int out = plane * planeOut;
                int in = plane * planeIn;
                if (pairs()) {
                    unpool2x2(x.data, x.offset + in, x.dim(3), y.data, out, g, go, d, in, y.dim(2), y.dim(3));
                    continue;
                }
                for (int i = 0; i < planeOut; i++) {
                    d[in + argmax[out + i]] += g[go + out + i];
                }
            }
        });
        return dx;
    }

    @Override
    public String describe() {
        return "MaxPool2d(kernel_size=" + kernel + ", stride=" + stride + (padding != 0 ? ", padding=" + padding : "") + ")";
    }
}
