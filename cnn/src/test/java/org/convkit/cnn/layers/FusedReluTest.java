package org.convkit.cnn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm followed by a ReLU gives the same outputs and gradients, bit for bit, whether the ReLU runs
 * as its own layer or is fused into BatchNorm's forward and backward passes (the gradient mask then
 * recomputed from BatchNorm's input), in training and evaluation, for rows with and without a vector tail.
 */
class FusedReluTest {
    private record Result(float[] y, float[] dx, float[] dGamma, float[] dBeta, float[] runningMean) {}

    private static Result run(BatchNorm bn, boolean fused, Tensor x, Tensor dy, boolean training, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Param p : bn.params()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, (float) (rnd.nextDouble() * 2 - 0.5));
            }
        }
        Activation.ReLU relu = new Activation.ReLU();
        if (fused) {
            bn.fuseRelu(relu);
        }
        Tensor y = relu.forward(bn.forward(x, training), training).copy();
        Tensor dx = bn.backward(relu.backward(dy)).copy();
        return new Result(y.toArray(), dx.toArray(), bn.params().get(0).grad().toArray(), bn.params().get(1).grad().toArray(),
                bn.state().get(2).value().toArray());
    }

    private static Tensor random(SplittableRandom rnd, int... shape) {
        Tensor t = new Tensor(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) rnd.nextGaussian());
        }
        return t;
    }

    @Test
    void fusedEqualsSeparateBitForBit() {
        int[][] shapes = {{4, 3, 28, 28}, {5, 2, 5, 5}, {3, 4, 14, 14}, {6, 7}};
        for (int threads : new int[] {1, 2}) {
            Parallel.withThreads(threads).run(() -> {
                for (int[] shape : shapes) {
                    for (boolean training : new boolean[] {true, false}) {
                        SplittableRandom rnd = new SplittableRandom(shape.length * 31L + shape[1]);
                        Tensor x = random(rnd, shape), dy = random(rnd, shape);
                        Result a = run(bn(shape), false, x, dy, training, 5);
                        Result b = run(bn(shape), true, x, dy, training, 5);
                        String what = java.util.Arrays.toString(shape) + (training ? " training" : " eval") + ", " + threads + " threads";
                        assertArrayEquals(a.y(), b.y(), what + ": y");
                        assertArrayEquals(a.dx(), b.dx(), what + ": dx");
                        assertArrayEquals(a.dGamma(), b.dGamma(), what + ": dgamma");
                        assertArrayEquals(a.dBeta(), b.dBeta(), what + ": dbeta");
                        assertArrayEquals(a.runningMean(), b.runningMean(), what + ": running mean");
                        int zeros = 0;
                        for (float v : a.y()) {
                            zeros += v == 0f ? 1 : 0;
                        }
                        assertTrue(zeros > 0 && zeros < a.y().length, what + ": the ReLU must cut some values and keep others");
                    }
                }
            });
        }
    }

    private static BatchNorm bn(int[] shape) {
        return shape.length == 4 ? new BatchNorm.BatchNorm2d(shape[1]) : new BatchNorm.BatchNorm1d(shape[1]);
    }
}
