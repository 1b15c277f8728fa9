package org.convkit.cnn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.convkit.cnn.kernels.Im2col;
import org.convkit.cnn.kernels.gemm.Gemm;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * 2-D convolution (cross-correlation, as {@code torch.nn.Conv2d}) with stride, zero padding, dilation
 * and groups. Per sample and group: {@code y = W * im2col(x) + b} on the GEMM; backward:
 * {@code dW += dy * cols^T}, {@code dcols = W^T * dy} folded back by col2im. A 1x1 convolution with
 * stride 1 and no padding uses the image itself as its column matrix. The batch is split into one
 * contiguous chunk per thread, each with its own column buffers and partial weight gradient (summed in
 * chunk order afterwards).
 */
public final class Conv2d implements Layer {
    public final int in, out, kh, kw, sh, sw, ph, pw, dh, dw, groups;
    public final boolean hasBias;
    private final Param weight;
    private final Param bias;
    private boolean inputGradNeeded = true;

    private Tensor x, y, dx;
    private Im2col.Geometry geo;
    private float[][] cols = new float[0][], dcols = new float[0][], dwPart = new float[0][], dbPart = new float[0][];

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, kernel, stride, stride, padding, padding, 1, 1, true);
    }

    public Conv2d(int in, int out, int kh, int kw, int sh, int sw, int ph, int pw, int dilation, int groups,
                  boolean bias) {
        if (in <= 0 || out <= 0 || kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || ph < 0 || pw < 0 || dilation <= 0
                || groups <= 0) {
            throw new IllegalArgumentException("conv: sizes must be positive (padding non-negative)");
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv: groups=" + groups + " must divide in=" + in + " and out=" + out);
        }
        this.in = in;
        this.out = out;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        this.dh = dilation;
        this.dw = dilation;
        this.groups = groups;
        this.hasBias = bias;
        this.weight = Param.trainable("weight", out, in / groups, kh, kw);
        this.bias = bias ? Param.trainable("bias", out) : null;
    }

    public Param weight() { return weight; }

    public Param bias() { return bias; }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 3 || s[0] != in) {
            throw new IllegalArgumentException(describe() + " needs an input of " + in + " channels x H x W, got "
                    + Tensor.shapeString(s));
        }
        Im2col.Geometry g = geometry(s[1], s[2]);
        if (g.outH() <= 0 || g.outW() <= 0) {
            throw new IllegalArgumentException(describe() + ": input " + Tensor.shapeString(s) + " is smaller than the kernel");
        }
        return new int[] {out, g.outH(), g.outW()};
    }

    private Im2col.Geometry geometry(int h, int w) {
        return new Im2col.Geometry(in, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    }

    private boolean pointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
    }

    @Override
    public List<Param> params() {
        return hasBias ? List.of(weight, bias) : List.of(weight);
    }

    @Override
    public void init(Init scheme, RandomGenerator rng) {
        int fanIn = in / groups * kh * kw;
        int fanOut = out / groups * kh * kw;
        scheme.fill(weight.value(), fanIn, fanOut, rng);
        if (hasBias) {
            bias.value().fill(0f);
        }
    }

    @Override
    public void setInputGradNeeded(boolean needed) { inputGradNeeded = needed; }

    private int chunks(int n) { return Math.max(1, Math.min(Parallel.threads(), n)); }

    private static float[][] ensure(float[][] bufs, int count, int size) {
        float[][] b = bufs.length >= count ? bufs : java.util.Arrays.copyOf(bufs, count);
        for (int i = 0; i < count; i++) {
            if (b[i] == null || b[i].length < size) {
                b[i] = new float[size];
            }
        }
        return b;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        int[] os = outputShape(input.sampleShape());
        int n = input.dim(0);
        x = input;
        geo = geometry(input.dim(2), input.dim(3));
        y = Tensor.reuse(y, n, os[0], os[1], os[2]);
        int p = os[1] * os[2];
        int k = in * kh * kw;
        int parts = chunks(n);
        if (!pointwise()) {
            cols = ensure(cols, parts, k * p);
        }
        Parallel.forRange(parts, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                for (int s = n * c / parts; s < n * (c + 1) / parts; s++) {
                    forwardSample(s, c, p);
                }
            }
        });
        return y;
    }

    private void forwardSample(int s, int chunk, int p) {
        int kg = in / groups * kh * kw;
        int og = out / groups;
        int xOff = x.offset + s * x.sampleSize();
        float[] col;
        int colOff;
        if (pointwise()) {
            col = x.data;
            colOff = xOff;
        } else {
            col = cols[chunk];
            colOff = 0;
            Im2col.im2col(geo, x.data, xOff, col, 0);
        }
        float[] w = weight.value().data;
        int yOff = s * out * p;
        for (int g = 0; g < groups; g++) {
            Gemm.sgemm(false, false, og, p, kg, w, g * og * kg, kg, col, colOff + g * kg * p, p,
                    0f, y.data, yOff + g * og * p, p);
        }
        if (hasBias) {
            float[] b = bias.value().data;
            for (int o = 0; o < out; o++) {
                float bo = b[o];
                int base = yOff + o * p;
                for (int i = 0; i < p; i++) {
                    y.data[base + i] += bo;
                }
            }
        }
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = x.dim(0);
        int p = y.dim(2) * y.dim(3);
        int k = in * kh * kw;
        int parts = chunks(n);
        int wSize = weight.value().size();
        dwPart = ensure(dwPart, parts, wSize);
        dbPart = ensure(dbPart, parts, out);
        if (!pointwise()) {
            cols = ensure(cols, parts, k * p);
            if (inputGradNeeded) {
                dcols = ensure(dcols, parts, k * p);
            }
        }
        if (inputGradNeeded) {
            dx = Tensor.reuse(dx, x.shape);
        }
        Parallel.forRange(parts, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                java.util.Arrays.fill(dbPart[c], 0, out, 0f);
                int first = n * c / parts;
                for (int s = first; s < n * (c + 1) / parts; s++) {
                    backwardSample(dy, s, c, p, s == first);
                }
            }
        });
        float[] gw = weight.grad().data;
        System.arraycopy(dwPart[0], 0, gw, 0, wSize);
        for (int c = 1; c < parts; c++) {
            float[] part = dwPart[c];
            for (int i = 0; i < wSize; i++) {
                gw[i] += part[i];
            }
        }
        if (hasBias) {
            float[] gb = bias.grad().data;
            System.arraycopy(dbPart[0], 0, gb, 0, out);
            for (int c = 1; c < parts; c++) {
                for (int o = 0; o < out; o++) {
                    gb[o] += dbPart[c][o];
                }
            }
        }
        return inputGradNeeded ? dx : null;
    }

    private void backwardSample(Tensor dy, int s, int chunk, int p, boolean first) {
        int kg = in / groups * kh * kw;
        int og = out / groups;
        int xOff = x.offset + s * x.sampleSize();
        int dyOff = dy.offset + s * out * p;
        float[] col;
        int colOff;
        if (pointwise()) {
            col = x.data;
            colOff = xOff;
        } else {
            col = cols[chunk];
            colOff = 0;
            Im2col.im2col(geo, x.data, xOff, col, 0);
        }
        float[] w = weight.value().data;
        float[] dwp = dwPart[chunk];
        for (int g = 0; g < groups; g++) {
            Gemm.sgemm(false, true, og, kg, p, dy.data, dyOff + g * og * p, p, col, colOff + g * kg * p, p,
                    first ? 0f : 1f, dwp, g * og * kg, kg);
        }
        if (hasBias) {
            float[] dbp = dbPart[chunk];
            for (int o = 0; o < out; o++) {
                float sum = 0f;
                int base = dyOff + o * p;
                for (int i = 0; i < p; i++) {
                    sum += dy.data[base + i];
                }
                dbp[o] += sum;
            }
        }
        if (inputGradNeeded) {
            int dxOff = s * x.sampleSize();
            if (pointwise()) {
                for (int g = 0; g < groups; g++) {
                    Gemm.sgemm(true, false, kg, p, og, w, g * og * kg, kg, dy.data, dyOff + g * og * p, p,
                            0f, dx.data, dxOff + g * kg * p, p);
                }
            } else {
                float[] dcol = dcols[chunk];
                for (int g = 0; g < groups; g++) {
                    Gemm.sgemm(true, false, kg, p, og, w, g * og * kg, kg, dy.data, dyOff + g * og * p, p,
                            0f, dcol, g * kg * p, p);
                }
                java.util.Arrays.fill(dx.data, dxOff, dxOff + x.sampleSize(), 0f);
                Im2col.col2im(geo, dcol, 0, dx.data, dxOff);
            }
        }
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("Conv2d(").append(in).append(", ").append(out).append(", kernel_size=")
                .append(kh == kw ? String.valueOf(kh) : "(" + kh + ", " + kw + ")");
        if (sh != 1 || sw != 1) {
            sb.append(", stride=").append(sh == sw ? String.valueOf(sh) : "(" + sh + ", " + sw + ")");
        }
        if (ph != 0 || pw != 0) {
            sb.append(", padding=").append(ph == pw ? String.valueOf(ph) : "(" + ph + ", " + pw + ")");
        }
        if (dh != 1) {
            sb.append(", dilation=").append(dh);
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (!hasBias) {
            sb.append(", bias=False");
        }
        return sb.append(')').toString();
    }

    static List<Param> concat(List<Param> a, List<Param> b) {
        List<Param> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }
}
