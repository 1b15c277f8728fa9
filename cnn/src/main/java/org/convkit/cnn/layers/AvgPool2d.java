package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * Average pooling over k x k windows ({@code torch.nn.AvgPool2d} defaults: zero padding counted in the
 * divisor, floor mode); each input pixel receives {@code dy / k^2} from every window containing it.
 */
public final class AvgPool2d implements Layer {
    public final int kernel, stride, padding;
    private Tensor x, y, dx;

    public AvgPool2d(int kernel, int stride, int padding) {
        Pooling.checkWindow("avgpool", kernel, stride, padding);
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
        float scale = 1f / (kernel * kernel);
        float[] xd = x.data, yd = y.data;
        int xo = x.offset;
        Parallel.forRange(n * c, 16, (p0, p1) -> {
            for (int plane = p0; plane < p1; plane++) {
                int in = xo + plane * h * w;
                int out = plane * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    int ya = Math.max(0, oy * stride - padding), yb = Math.min(h, oy * stride - padding + kernel);
                    for (int ox = 0; ox < wo; ox++) {
                        int xa = Math.max(0, ox * stride - padding), xb = Math.min(w, ox * stride - padding + kernel);
                        float s = 0f;
                        for (int iy = ya; iy < yb; iy++) {
                            for (int ix = xa; ix < xb; ix++) {
                                s += xd[in + iy * w + ix];
                            }
                        }
                        yd[out + oy * wo + ox] = s * scale;
                    }
                }
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape);
        dx.fill(0f);
        int h = x.dim(2), w = x.dim(3), ho = y.dim(2), wo = y.dim(3);
        float scale = 1f / (kernel * kernel);
        float[] g = dy.data, d = dx.data;
        int go = dy.offset;
        Parallel.forRange(y.dim(0) * y.dim(1), 16, (p0, p1) -> {
            for (int plane = p0; plane < p1; plane++) {
                int in = plane * h * w;
                int out = go + plane * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    int ya = Math.max(0, oy * stride - padding), yb = Math.min(h, oy * stride - padding + kernel);
                    for (int ox = 0; ox < wo; ox++) {
                        int xa = Math.max(0, ox * stride - padding), xb = Math.min(w, ox * stride - padding + kernel);
                        float v = g[out + oy * wo + ox] * scale;
                        for (int iy = ya; iy < yb; iy++) {
                            for (int ix = xa; ix < xb; ix++) {
                                d[in + iy * w + ix] += v;
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }

    @Override
    public String describe() {
        return "AvgPool2d(kernel_size=" + kernel + ", stride=" + stride + (padding != 0 ? ", padding=" + padding : "") + ")";
    }
}
