package org.convkit.cnn.layers;

/**
 * Naive double-precision forward passes, written straight from the definitions (PyTorch's docs), as
 * the independent specification the float layers and their backward passes are checked against.
 * Each takes the input {@code [N, ...]} flattened with its shape and the layer's parameters in
 * {@code params()} order.
 */
final class DoubleReference {
    private DoubleReference() {}

    @FunctionalInterface
    interface Fn {
        double[] apply(double[] x, int[] shape, double[][] params);
    }

    static int[] convOut(int[] s, int out, int k, int stride, int pad, int dil) {
        return new int[] {s[0], out, (s[2] + 2 * pad - dil * (k - 1) - 1) / stride + 1, (s[3] + 2 * pad - dil * (k - 1) - 1) / stride + 1};
    }

    static double[] conv(double[] x, int[] s, double[] w, double[] b, int out, int k, int stride, int pad, int dil, int groups) {
        int n = s[0], c = s[1], h = s[2], wd = s[3];
        int[] o = convOut(s, out, k, stride, pad, dil);
        int ho = o[2], wo = o[3], cg = c / groups, og = out / groups;
        double[] y = new double[n * out * ho * wo];
        for (int i = 0; i < n; i++) {
            for (int oc = 0; oc < out; oc++) {
                int g = oc / og;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double sum = b == null ? 0 : b[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = oy * stride - pad + ky * dil, ix = ox * stride - pad + kx * dil;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        sum += w[((oc * cg + ic) * k + ky) * k + kx] * x[((i * c + g * cg + ic) * h + iy) * wd + ix];
                                    }
                                }
                            }
                        }
                        y[((i * out + oc) * ho + oy) * wo + ox] = sum;
                    }
                }
            }
        }
        return y;
    }

    static double[] pool(double[] x, int[] s, int k, int stride, int pad, boolean max) {
        int n = s[0] * s[1], h = s[2], w = s[3];
        int ho = (h + 2 * pad - k) / stride + 1, wo = (w + 2 * pad - k) / stride + 1;
        double[] y = new double[n * ho * wo];
        for (int p = 0; p < n; p++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride - pad + ky, ix = ox * stride - pad + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                double v = x[(p * h + iy) * w + ix];
                                acc = max ? Math.max(acc, v) : acc + v;
                            }
                        }
                    }
                    y[(p * ho + oy) * wo + ox] = max ? acc : acc / (k * k);
                }
            }
        }
        return y;
    }

    /** Training-mode batch norm over axis 1 of {@code [N, C, rest...]}. */
    static double[] batchNorm(double[] x, int[] s, double[] gamma, double[] beta) {
        int n = s[0], c = s[1], hw = x.length / (n * c);
        double[] y = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            double mean = 0, var = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    mean += x[(i * c + ch) * hw + j];
                }
            }
            mean /= n * hw;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    double d = x[(i * c + ch) * hw + j] - mean;
                    var += d * d;
                }
            }
            var /= n * hw;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    int at = (i * c + ch) * hw + j;
                    y[at] = (x[at] - mean) / Math.sqrt(var + 1e-5) * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    static double[] linear(double[] x, int[] s, double[] w, double[] b, int out) {
        int n = s[0], in = s[1];
        double[] y = new double[n * out];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < out; o++) {
                double sum = b == null ? 0 : b[o];
                for (int j = 0; j < in; j++) {
                    sum += w[o * in + j] * x[i * in + j];
                }
                y[i * out + o] = sum;
            }
        }
        return y;
    }

    static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /** torchvision's BasicBlock; params: conv1.w, bn1.w, bn1.b, conv2.w, bn2.w, bn2.b[, down.w, downbn.w, downbn.b]. */
    static double[] basicBlock(double[] x, int[] s, double[][] p, int out, int stride) {
        double[] h = conv(x, s, p[0], null, out, 3, stride, 1, 1, 1);
        int[] hs = convOut(s, out, 3, stride, 1, 1);
        h = map(batchNorm(h, hs, p[1], p[2]), v -> Math.max(v, 0));
        h = batchNorm(conv(h, hs, p[3], null, out, 3, 1, 1, 1, 1), hs, p[4], p[5]);
        double[] sc = x;
        if (p.length > 6) {
            sc = batchNorm(conv(x, s, p[6], null, out, 1, stride, 0, 1, 1), hs, p[7], p[8]);
        }
        double[] y = new double[h.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(h[i] + sc[i], 0);
        }
        return y;
    }
}
