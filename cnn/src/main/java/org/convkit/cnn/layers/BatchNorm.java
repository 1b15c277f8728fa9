package org.convkit.cnn.layers;

import java.util.List;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;
import org.convkit.filters.vector.VectorOps;

/**
 * Batch normalisation (Ioffe & Szegedy 2015) with PyTorch's conventions: per channel over the batch
 * (and the pixels for {@link BatchNorm2d}); training normalises with the biased batch variance and
 * updates {@code running_mean}/{@code running_var} with momentum 0.1 using the unbiased variance;
 * evaluation uses the running statistics. {@code num_batches_tracked} is a float scalar here (exact up
 * to 2^24 batches); it is an int64 in PyTorch's files.
 */
public abstract sealed class BatchNorm implements Layer, FusesRelu permits BatchNorm.BatchNorm1d, BatchNorm.BatchNorm2d {
    public final int features;
    public final float eps;
    public final float momentum;
    private final Param weight, bias, runningMean, runningVar, numBatchesTracked;
    private Tensor x, y, dx;
    private boolean trainingPass;
    private final float[] mean, invStd;
    private boolean reluFused;

    /**
     * Lets this layer apply the ReLU that follows it in its own output pass and its gradient mask in its
     * own backward passes (two passes over the activations fewer); the ReLU, told by
     * {@link Activation.ReLU#fuseIntoPrevious(boolean)}, then passes its input and its gradient through.
     * The mask is recomputed from the input ({@code x * scale + shift > 0}, the value the forward pass
     * rectified), so results are bit for bit those of the separate ReLU.
     */
    @Override
    public void fuseRelu(Activation.ReLU next) {
        reluFused = true;
        next.fuseIntoPrevious(true);
    }

    protected BatchNorm(int features, float eps, float momentum) {
        if (features <= 0) {
            throw new IllegalArgumentException("batch norm needs a positive feature count");
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        weight = Param.trainable("weight", features);
        bias = Param.trainable("bias", features);
        runningMean = Param.buffer("running_mean", new Tensor(features));
        runningVar = Param.buffer("running_var", new Tensor(features));
        numBatchesTracked = Param.buffer("num_batches_tracked", new Tensor());
        weight.value().fill(1f);
        runningVar.value().fill(1f);
        mean = new float[features];
        invStd = new float[features];
    }

    public static final class BatchNorm1d extends BatchNorm {
        public BatchNorm1d(int features) { super(features, 1e-5f, 0.1f); }

        @Override
        public int[] outputShape(int[] s) {
            if (s.length != 1 || s[0] != features) {
                throw new IllegalArgumentException(describe() + " needs " + features + " features, got " + Tensor.shapeString(s));
            }
            return s.clone();
        }

        @Override
        public String describe() { return "BatchNorm1d(" + features + ")"; }
    }

    public static final class BatchNorm2d extends BatchNorm {
        public BatchNorm2d(int channels) { super(channels, 1e-5f, 0.1f); }

        @Override
        public int[] outputShape(int[] s) {
            if (s.length != 3 || s[0] != features) {
                throw new IllegalArgumentException(describe() + " needs " + features + " channels x H x W, got " + Tensor.shapeString(s));
            }
            return s.clone();
        }

        @Override
        public String describe() { return "BatchNorm2d(" + features + ")"; }
    }

    @Override
    public List<Param> params() { return List.of(weight, bias); }

    @Override
    public List<Param> state() { return List.of(weight, bias, runningMean, runningVar, numBatchesTracked); }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        outputShape(input.sampleShape());
        x = input;
        trainingPass = training;
        y = Tensor.reuse(y, input.shape);
        int n = input.dim(0), hw = input.sampleSize() / features;
        if (training && n * hw < 2) {
            throw new IllegalArgumentException(describe() + " needs more than one value per channel in training (batch of " + n + ")");
        }
        float[] xd = x.data, yd = y.data, g = weight.value().data, b = bias.value().data;
        float[] rm = runningMean.value().data, rv = runningVar.value().data;
        int xo = x.offset, stride = features * hw;
        Parallel.forRange(features, 4, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                float m, is;
                if (training) {
                    double count = (double) n * hw;
                    double mu = 0;
                    for (int i = 0; i < n; i++) {
                        mu += VectorOps.sum(xd, xo + i * stride + c * hw, hw);
                    }
                    mu /= count;
                    double ss = 0;
                    for (int i = 0; i < n; i++) {
                        ss += BatchNormKernels.sumSquaredDeviations(xd, xo + i * stride + c * hw, hw, (float) mu);
                    }
                    m = (float) mu;
                    is = (float) (1.0 / Math.sqrt(ss / count + eps));
                    rm[c] = (1 - momentum) * rm[c] + momentum * m;
                    rv[c] = (float) ((1 - momentum) * rv[c] + momentum * (ss / (count - 1)));
                } else {
                    m = rm[c];
                    is = (float) (1.0 / Math.sqrt(rv[c] + (double) eps));
                }
                mean[c] = m;
                invStd[c] = is;
                float scale = g[c] * is, shift = b[c] - m * scale;
                for (int i = 0; i < n; i++) {
                    int base = i * stride + c * hw;
                    if (reluFused) {
                        VectorOps.affineRelu(xd, xo + base, yd, base, hw, scale, shift);
                    } else {
                        VectorOps.affine(xd, xo + base, yd, base, hw, scale, shift);
                    }
                }
            }
        });
        if (training) {
            numBatchesTracked.value().data[0] += 1f;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape);
        int n = x.dim(0), hw = x.sampleSize() / features, stride = features * hw;
        float[] xd = x.data, g = dy.data, d = dx.data, gamma = weight.value().data;
        float[] gw = weight.grad().data, gb = bias.grad().data;
        int xo = x.offset, go = dy.offset;
        float[] beta = bias.value().data;
        double count = (double) n * hw;
        boolean relu = reluFused;
        Parallel.forRange(features, 4, (c0, c1) -> {
            double[] sums = new double[2];
            for (int c = c0; c < c1; c++) {
                float m = mean[c], is = invStd[c];
                float scale = gamma[c] * is, shift = beta[c] - m * scale; // as in forward: the fused ReLU's mask
                sums[0] = 0;
                sums[1] = 0;
                for (int i = 0; i < n; i++) {
                    int base = i * stride + c * hw;
                    BatchNormKernels.bnSums(g, go + base, xd, xo + base, hw, m, relu, scale, shift, sums);
                }
                double sumDy = sums[0], sumDyXc = sums[1]; // sum(dy), sum(dy * (x - mean)), dy masked by the ReLU
                double sumDyXhat = sumDyXc * is;
                gw[c] = (float) sumDyXhat;
                gb[c] = (float) sumDy;
                float k = gamma[c] * is;
                for (int i = 0; i < n; i++) {
                    int base = i * stride + c * hw;
                    if (trainingPass) {
                        // dx = gamma * invStd * (dy - mean(dy) - xhat * mean(dy * xhat)), xhat = (x - mean) * invStd
                        float a = (float) (sumDy / count), q = (float) (sumDyXhat / count) * is;
                        if (relu) {
                            BatchNormKernels.bnBackwardRelu(g, go + base, xd, xo + base, d, base, hw, k, a, q, m, scale, shift);
                        } else {
                            BatchNormKernels.bnBackward(g, go + base, xd, xo + base, d, base, hw, k, a, q, m);
                        }
                    } else if (relu) {
                        BatchNormKernels.scaleRelu(g, go + base, xd, xo + base, d, base, hw, k, scale, shift);
                    } else {
                        VectorOps.affine(g, go + base, d, base, hw, k, 0f);
                    }
                }
            }
        });
        return dx;
    }
}
