package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * Max pooling over k x k windows ({@code torch.nn.MaxPool2d}: padding counts as -infinity, floor mode).
 * The forward pass remembers each window's arg-max (the first on ties, as PyTorch) and the backward pass
 * routes the gradient there.
 */
public final class MaxPool2d implements Layer {
    public final int kernel, stride, padding;
    private Tensor x, y, dx;
    private int[] argmax = new int[0];

    public MaxPool2d(int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("maxpool: kernel and stride must be positive, padding at most kernel/2");
        }
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
        if (argmax.length < y.size()) {
            argmax = new int[y.size()];
        }
        float[] xd = x.data, yd = y.data;
        int xo = x.offset;
        Parallel.forRange(n * c, 16, (p0, p1) -> {
            for (int plane = p0; plane < p1; plane++) {
                int in = xo + plane * h * w;
                int out = plane * ho * wo;
                if (kernel == 2 && stride == 2 && padding == 0) {
                    pool2x2(xd, in, w, yd, argmax, out, ho, wo);
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

    /** The common 2x2/2 case without bounds logic; NaN wins, then the first maximum, as the general path. */
    private static void pool2x2(float[] x, int in, int w, float[] y, int[] arg, int out, int ho, int wo) {
        for (int oy = 0; oy < ho; oy++) {
            int r0 = 2 * oy * w, r1 = r0 + w;
            for (int ox = 0; ox < wo; ox++) {
                int a = r0 + 2 * ox, c = r1 + 2 * ox;
                float v0 = x[in + a], v1 = x[in + a + 1], v2 = x[in + c], v3 = x[in + c + 1];
                // branch-free selects (maxima fall randomly); "v != v" lets a NaN win, as the general path
                boolean t1 = v1 > v0 || v1 != v1 && v0 == v0;
                float best = t1 ? v1 : v0;
                int at = t1 ? a + 1 : a;
                boolean t2 = v2 > best || v2 != v2 && best == best;
                best = t2 ? v2 : best;
                at = t2 ? c : at;
                boolean t3 = v3 > best || v3 != v3 && best == best;
                best = t3 ? v3 : best;
                at = t3 ? c + 1 : at;
                y[out + oy * wo + ox] = best;
                arg[out + oy * wo + ox] = at;
            }
        }
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape);
        dx.fill(0f);
        int planeIn = x.dim(2) * x.dim(3);
        int planeOut = y.dim(2) * y.dim(3);
        float[] g = dy.data, d = dx.data;
        int go = dy.offset;
        Parallel.forRange(y.dim(0) * y.dim(1), 16, (p0, p1) -> {
            for (int plane = p0; plane < p1; plane++) {
                int out = plane * planeOut;
                int in = plane * planeIn;
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
