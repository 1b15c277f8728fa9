package org.convkit.cnn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every layer's backward pass against central finite differences of its double-precision reference
 * forward ({@link DoubleReference}), for several shapes, strides, paddings, dilations and groups.
 * The loss is {@code sum(y * r)} for a random {@code r}; the float analytic gradients must match the
 * double numerical ones to ~1e-4 relative (float rounding), and the float forward the double one.
 */
class GradientCheckTest {
    private final SplittableRandom rnd = new SplittableRandom(7);

    @AfterEach
    void restore() { Parallel.setThreads(Runtime.getRuntime().availableProcessors()); }

    private float[] random(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    private static double[] toDouble(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.get(i);
        }
        return d;
    }

    private void check(Layer layer, int[] inShape, DoubleReference.Fn ref) {
        check(layer, inShape, ref, true);
    }

    private void check(Layer layer, int[] inShape, DoubleReference.Fn ref, boolean training) {
        String what = layer.describe() + " on " + Tensor.shapeString(inShape);
        List<Param> params = layer.params();
        for (Param p : params) { // non-trivial values, also for BatchNorm's gamma/beta
            float[] v = random(p.value().size(), 0.6);
            if (p.name().endsWith("weight") && layer instanceof BatchNorm) {
                for (int i = 0; i < v.length; i++) {
                    v[i] += 1f;
                }
            }
            System.arraycopy(v, 0, p.value().data, 0, v.length);
        }
        Tensor x = Tensor.wrap(random(size(inShape), 1.0), inShape);
        Tensor y = layer.forward(x, training);
        Tensor r = Tensor.wrap(random(y.size(), 1.0), y.shape);
        Tensor dx = layer.backward(r).copy();

        double[][] pd = new double[params.size()][];
        for (int i = 0; i < pd.length; i++) {
            pd[i] = toDouble(params.get(i).value());
        }
        double[] xd = toDouble(x);
        double[] rd = toDouble(r);
        double[] yRef = ref.apply(xd, inShape, pd);
        assertEquals(yRef.length, y.size(), what + ": output size");
        for (int i = 0; i < yRef.length; i++) {
            assertEquals(yRef[i], y.get(i), 1e-4 * (1 + Math.abs(yRef[i])), what + ": forward at " + i);
        }
        compare(what + " dx", dx.toArray(), numeric(xd, () -> dot(ref.apply(xd, inShape, pd), rd)));
        for (int i = 0; i < pd.length; i++) {
            double[] target = pd[i];
            compare(what + " d" + params.get(i).name(), params.get(i).grad().toArray(),
                    numeric(target, () -> dot(ref.apply(xd, inShape, pd), rd)));
        }
    }

    private static int size(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return n;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Central differences of {@code loss} with respect to each element of {@code v} (perturbed in place). */
    private static double[] numeric(double[] v, java.util.function.DoubleSupplier loss) {
        double h = 1e-6;
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + h;
            double up = loss.getAsDouble();
            v[i] = keep - h;
            double down = loss.getAsDouble();
            v[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private static void compare(String what, float[] analytic, double[] numeric) {
        assertEquals(numeric.length, analytic.length, what + " size");
        double scale = 1e-3;
        for (double v : numeric) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < numeric.length; i++) {
            worst = Math.max(worst, Math.abs(numeric[i] - analytic[i]));
            assertTrue(Math.abs(numeric[i] - analytic[i]) <= 2e-4 * scale,
                    what + " at " + i + ": numeric " + numeric[i] + " analytic " + analytic[i]);
        }
        assertTrue(scale > 1e-3 || worst == 0, what + ": gradient vanishes, the check would prove nothing");
    }

    @Test
    void conv2d() {
        int[][] cases = { // in, out, k, stride, pad, dilation, groups, bias, N, H, W
            {3, 4, 3, 1, 1, 1, 1, 1, 2, 7, 6},
            {2, 5, 3, 2, 0, 1, 1, 0, 3, 9, 8},
            {3, 2, 5, 1, 2, 1, 1, 1, 1, 6, 7},
            {4, 6, 3, 2, 2, 2, 2, 1, 2, 8, 9},
            {4, 4, 1, 1, 0, 1, 1, 0, 2, 5, 3},   // pointwise path
            {2, 3, 1, 2, 0, 1, 1, 1, 2, 5, 5},   // strided 1x1 (ResNet projection)
            {6, 6, 3, 1, 1, 1, 3, 1, 2, 4, 5},
            {2, 3, 3, 1, 1, 1, 1, 1, 1, 24, 23},  // wide enough for the implicit GEMM (no im2col), both passes
            {4, 4, 3, 1, 2, 2, 2, 0, 1, 22, 21},  // implicit with dilation and groups
            {2, 3, 5, 1, 0, 1, 1, 1, 1, 26, 27},  // implicit forward, "valid" input gradient through col2im
        };
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (int[] c : cases) {
                Conv2d conv = new Conv2d(c[0], c[1], c[2], c[2], c[3], c[3], c[4], c[4], c[5], c[6], c[7] == 1);
                conv.setInputGradNeeded(true);
                check(conv, new int[] {c[8], c[0], c[9], c[10]}, (x, s, p) ->
                        DoubleReference.conv(x, s, p[0], p.length > 1 ? p[1] : null, c[1], c[2], c[3], c[4], c[5], c[6]));
            }
        }
    }

    /**
     * A weight gradient too large for dot products (48 x 144 > {@code Gemm.DOT_MAX_OUTPUT}) on an image wide
     * enough for the implicit GEMM, which then computes it transposed. The loss {@code sum(y * r)} is linear in
     * the weights, so its exact gradient {@code sum r[co, oy, ox] * pad(x)[ci, oy + i, ox + j]} stands in for
     * finite differences (too many weights for those).
     */
    @Test
    void conv2dWeightGradientOfManyChannels() {
        int cin = 16, cout = 48, n = 3, h = 15, w = 17;
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            Conv2d conv = new Conv2d(cin, cout, 3, 3, 1, 1, 1, 1, 1, 1, false);
            System.arraycopy(random(conv.weight().value().size(), 0.5), 0, conv.weight().value().data, 0, cout * cin * 9);
            Tensor x = Tensor.wrap(random(n * cin * h * w, 1.0), new int[] {n, cin, h, w});
            Tensor y = conv.forward(x, true);
            Tensor r = Tensor.wrap(random(y.size(), 1.0), y.shape);
            conv.backward(r);
            float[] dw = conv.weight().grad().toArray();
            double scale = 0;
            double[] expected = new double[dw.length];
            for (int co = 0; co < cout; co++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            double s = 0;
                            for (int b = 0; b < n; b++) {
                                for (int oy = 0; oy < h; oy++) {
                                    for (int ox = 0; ox < w; ox++) {
                                        int iy = oy + i - 1, ix = ox + j - 1;
                                        if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                            s += (double) r.get(((b * cout + co) * h + oy) * w + ox)
                                                    * x.get(((b * cin + ci) * h + iy) * w + ix);
                                        }
                                    }
                                }
                            }
                            expected[((co * cin + ci) * 3 + i) * 3 + j] = s;
                            scale = Math.max(scale, Math.abs(s));
                        }
                    }
                }
            }
            for (int i = 0; i < dw.length; i++) {
                assertEquals(expected[i], dw[i], 1e-5 * scale, "dweight at " + i + " with " + threads + " threads");
            }
        }
    }

    @Test
    void pooling() {
        int[][] cases = {{2, 2, 0}, {3, 2, 1}, {3, 1, 1}, {2, 3, 0}};
        for (int[] c : cases) {
            int[] shape = {2, 3, 7, 8};
            check(new MaxPool2d(c[0], c[1], c[2]), shape, (x, s, p) -> DoubleReference.pool(x, s, c[0], c[1], c[2], true));
            check(new AvgPool2d(c[0], c[1], c[2]), shape, (x, s, p) -> DoubleReference.pool(x, s, c[0], c[1], c[2], false));
        }
        check(new GlobalAvgPool2d(), new int[] {3, 4, 5, 3}, (x, s, p) -> DoubleReference.pool(x, s, 1, 1, 0, false) == null
                ? null : gap(x, s));
    }

    private static double[] gap(double[] x, int[] s) {
        int planes = s[0] * s[1], hw = s[2] * s[3];
        double[] y = new double[planes];
        for (int i = 0; i < planes; i++) {
            for (int j = 0; j < hw; j++) {
                y[i] += x[i * hw + j] / hw;
            }
        }
        return y;
    }

    @Test
    void activations() {
        int[] shape = {3, 2, 5, 4};
        check(new Activation.ReLU(), shape, (x, s, p) -> DoubleReference.map(x, v -> Math.max(v, 0)));
        check(new Activation.LeakyReLU(0.1f), shape, (x, s, p) -> DoubleReference.map(x, v -> v > 0 ? v : 0.1f * v));
        check(new Activation.ELU(0.7f), shape, (x, s, p) -> DoubleReference.map(x, v -> v > 0 ? v : 0.7f * Math.expm1(v)));
        check(new Activation.Sigmoid(), shape, (x, s, p) -> DoubleReference.map(x, v -> 1 / (1 + Math.exp(-v))));
        check(new Activation.Tanh(), new int[] {4, 9}, (x, s, p) -> DoubleReference.map(x, Math::tanh));
    }

    @Test
    void batchNorm() {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            check(new BatchNorm.BatchNorm2d(3), new int[] {4, 3, 5, 2}, (x, s, p) -> DoubleReference.batchNorm(x, s, p[0], p[1]));
            check(new BatchNorm.BatchNorm2d(2), new int[] {1, 2, 3, 3}, (x, s, p) -> DoubleReference.batchNorm(x, s, p[0], p[1]));
            check(new BatchNorm.BatchNorm1d(7), new int[] {5, 7}, (x, s, p) -> DoubleReference.batchNorm(x, s, p[0], p[1]));
            check(new BatchNorm.BatchNorm1d(3), new int[] {3, 3}, (x, s, p) -> DoubleReference.batchNorm(x, s, p[0], p[1]));
        }
    }

    @Test
    void batchNormEvaluationUsesRunningStatistics() {
        BatchNorm bn = new BatchNorm.BatchNorm2d(2);
        Tensor mean = bn.state().get(2).value(), var = bn.state().get(3).value();
        mean.data[0] = 0.5f;
        mean.data[1] = -1f;
        var.data[0] = 4f;
        var.data[1] = 0.25f;
        check(bn, new int[] {2, 2, 3, 2}, (x, s, p) -> {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                int c = (i / 6) % 2;
                y[i] = (x[i] - mean.data[c]) / Math.sqrt(var.data[c] + 1e-5) * p[0][c] + p[1][c];
            }
            return y;
        }, false);
    }

    @Test
    void linear() {
        int[][] cases = {{5, 3, 4, 1}, {1, 7, 2, 0}, {9, 33, 17, 1}};
        for (int[] c : cases) {
            check(new Linear(c[1], c[2], c[3] == 1), new int[] {c[0], c[1]},
                    (x, s, p) -> DoubleReference.linear(x, s, p[0], p.length > 1 ? p[1] : null, c[2]));
        }
    }

    @Test
    void basicBlock() {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            check(new BasicBlock(3, 3, 1), new int[] {2, 3, 5, 4}, (x, s, p) -> DoubleReference.basicBlock(x, s, p, 3, 1));
            check(new BasicBlock(2, 4, 2), new int[] {3, 2, 7, 6}, (x, s, p) -> DoubleReference.basicBlock(x, s, p, 4, 2));
            check(new BasicBlock(2, 3, 1), new int[] {2, 2, 4, 4}, (x, s, p) -> DoubleReference.basicBlock(x, s, p, 3, 1));
        }
    }

    @Test
    void flattenAndDropout() {
        check(new Flatten(), new int[] {2, 3, 2, 2}, (x, s, p) -> x.clone());
        Dropout d = new Dropout(0.4f);
        d.setSeed(5);
        Tensor x = Tensor.wrap(random(4000, 1.0), 40, 100);
        Tensor y = d.forward(x, true).copy();
        Tensor dx = d.backward(Tensor.wrap(new float[4000], 40, 100).reshape(40, 100));
        int zeros = 0;
        for (int i = 0; i < 4000; i++) {
            float scale = y.get(i) / x.get(i);
            assertTrue(Math.abs(scale) < 1e-6 || Math.abs(scale - 1 / 0.6f) < 1e-4, "inverted dropout scale " + scale);
            zeros += y.get(i) == 0f ? 1 : 0;
        }
        assertEquals(0.4, zeros / 4000.0, 0.03, "dropout rate");
        assertEquals(0f, dx.get(0));
        Tensor ones = new Tensor(40, 100);
        ones.fill(1f);
        Tensor g = d.backward(ones);
        for (int i = 0; i < 4000; i++) {
            assertEquals(y.get(i) / x.get(i), g.get(i), 1e-4, "dropout gradient is its mask");
        }
        assertTrue(d.forward(x, false) == x, "identity in evaluation");
    }

    @Test
    void softmaxCrossEntropy() {
        for (float smooth : new float[] {0f, 0.1f}) {
            SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(smooth);
            int n = 4, k = 5;
            int[] labels = {0, 3, 4, 3};
            Tensor logits = Tensor.wrap(random(n * k, 3.0), n, k);
            ce.forward(logits, labels);
            float[] analytic = ce.backward().toArray();
            double[] ld = toDouble(logits);
            double[] numeric = numeric(ld, () -> {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double max = Double.NEGATIVE_INFINITY, s = 0, mean = 0;
                    for (int j = 0; j < k; j++) {
                        max = Math.max(max, ld[i * k + j]);
                    }
                    for (int j = 0; j < k; j++) {
                        s += Math.exp(ld[i * k + j] - max);
                    }
                    double logZ = Math.log(s) + max;
                    for (int j = 0; j < k; j++) {
                        mean += (logZ - ld[i * k + j]) / k;
                    }
                    total += (1 - smooth) * (logZ - ld[i * k + labels[i]]) + smooth * mean;
                }
                return total / n;
            });
            compare("cross-entropy smoothing " + smooth, analytic, numeric);
        }
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(0f);
        Tensor huge = Tensor.wrap(new float[] {1000f, 0f, -1000f}, 1, 3);
        float loss = ce.forward(huge, new int[] {0});
        assertEquals(0f, loss, 1e-6, "stable for huge logits");
        assertEquals(1f, SoftmaxCrossEntropy.softmax(huge).get(0), 1e-6);
        Tensor p = SoftmaxCrossEntropy.softmax(Tensor.wrap(new float[] {0f, (float) Math.log(3)}, 1, 2));
        assertEquals(0.25f, p.get(0), 1e-6);
    }
}
