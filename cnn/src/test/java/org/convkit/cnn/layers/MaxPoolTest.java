package org.convkit.cnn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.convkit.cnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The vectorised 2x2 pooling against a plain loop, on inputs full of ties and with NaNs (PyTorch's rule:
 * the first maximum of the window in row-major order takes the gradient, a NaN counts as the maximum),
 * on rows narrower and wider than a vector, even and odd sizes. Gradients are compared bit for bit.
 */
class MaxPoolTest {
    private final SplittableRandom rnd = new SplittableRandom(11);

    @Test
    void twoByTwoMatchesTheFirstMaximumRule() {
        int[][] sizes = {{28, 28}, {14, 14}, {7, 8}, {9, 9}, {6, 70}, {5, 66}, {4, 2}, {2, 34}};
        for (int[] hw : sizes) {
            for (boolean nans : new boolean[] {false, true}) {
                check(3, 2, hw[0], hw[1], nans);
            }
        }
    }

    private void check(int n, int c, int h, int w, boolean nans) {
        float[] x = new float[n * c * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(3); // few values: most windows tie
            if (nans && rnd.nextInt(40) == 0) {
                x[i] = Float.NaN;
            }
        }
        MaxPool2d pool = new MaxPool2d(2, 2, 0);
        Tensor y = pool.forward(Tensor.wrap(x.clone(), n, c, h, w), true);
        int ho = h / 2, wo = w / 2;
        float[] g = new float[y.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = i + 1;
        }
        Tensor dx = pool.backward(Tensor.wrap(g, y.shape));
        float[] expectY = new float[g.length], expectDx = new float[x.length];
        for (int p = 0; p < n * c; p++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int best = -1;
                    for (int k = 0; k < 4 && (best < 0 || !Float.isNaN(x[best])); k++) {
                        int at = p * h * w + (2 * oy + k / 2) * w + 2 * ox + k % 2;
                        if (best < 0 || Float.isNaN(x[at]) || x[at] > x[best]) {
                            best = at;
                        }
                    }
                    int o = (p * ho + oy) * wo + ox;
                    expectY[o] = x[best];
                    expectDx[best] = g[o];
                }
            }
        }
        String what = n + "x" + c + "x" + h + "x" + w + (nans ? " with NaNs" : "");
        for (int i = 0; i < g.length; i++) {
            assertEquals(Float.floatToIntBits(expectY[i]), Float.floatToIntBits(y.get(i)), what + ": y[" + i + "]");
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(expectDx[i], dx.get(i), what + ": dx[" + i + "]");
        }
    }
}
