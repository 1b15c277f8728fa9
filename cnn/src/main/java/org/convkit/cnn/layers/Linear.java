package org.convkit.cnn.layers;

import java.util.List;
import java.util.random.RandomGenerator;
import org.convkit.filters.gemm.Gemm;
import org.convkit.cnn.tensor.Tensor;

/**
 * Fully connected layer {@code y = x W^T + b} ({@code torch.nn.Linear}, W is {@code [out, in]}), all three
 * products on the GEMM: {@code y = x W^T}, {@code dx = dy W}, {@code dW = dy^T x}.
 */
public final class Linear implements Layer, FusesRelu {
    public final int in, out;
    public final boolean hasBias;
    private final Param weight, bias;
    private boolean inputGradNeeded = true;
    private boolean reluFused;
    private Tensor x, y, dx;

    public Linear(int in, int out, boolean bias) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("linear layer sizes must be positive, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.hasBias = bias;
        weight = Param.trainable("weight", out, in);
        this.bias = bias ? Param.trainable("bias", out) : null;
    }

    /** Applies the ReLU that follows with the bias; the backward pass never reads this layer's output. */
    @Override
    public void fuseRelu(Activation.ReLU next) {
        reluFused = true;
        next.fuseIntoPrevious(false);
    }

    public Param weight() { return weight; }

    public Param bias() { return bias; }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 1 || s[0] != in) {
            throw new IllegalArgumentException(describe() + " needs " + in + " input features, got "
                    + Tensor.shapeString(s) + (s.length > 1 ? " (add flatten before it)" : ""));
        }
        return new int[] {out};
    }

    @Override
    public List<Param> params() { return hasBias ? List.of(weight, bias) : List.of(weight); }

    @Override
    public void init(Init scheme, RandomGenerator rng) {
        scheme.fill(weight.value(), in, out, rng);
        if (hasBias) {
            scheme.fillBias(bias.value(), in, rng);
        }
    }

    @Override
    public void setInputGradNeeded(boolean needed) { inputGradNeeded = needed; }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        outputShape(input.sampleShape());
        x = input;
        int n = input.dim(0);
        y = Tensor.reuse(y, n, out);
        Gemm.sgemm(false, true, n, out, in, x.data, x.offset, in, weight.value().data, 0, in, 0f, y.data, 0, out);
        if (hasBias || reluFused) {
            float[] b = hasBias ? bias.value().data : null;
            float[] yd = y.data;
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    float v = b == null ? yd[i * out + o] : yd[i * out + o] + b[o];
                    yd[i * out + o] = reluFused && !(v > 0f) ? 0f : v;
                }
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = x.dim(0);
        Gemm.sgemm(true, false, out, in, n, dy.data, dy.offset, out, x.data, x.offset, in, 0f, weight.grad().data, 0, in);
        if (hasBias) {
            float[] gb = bias.grad().data;
            java.util.Arrays.fill(gb, 0f);
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < out; o++) {
                    gb[o] += dy.data[dy.offset + i * out + o];
                }
            }
        }
        if (!inputGradNeeded) {
            return null;
        }
        dx = Tensor.reuse(dx, n, in);
        Gemm.sgemm(false, false, n, in, out, dy.data, dy.offset, out, weight.value().data, 0, in, 0f, dx.data, 0, in);
        return dx;
    }

    @Override
    public String describe() {
        return "Linear(in_features=" + in + ", out_features=" + out + (hasBias ? "" : ", bias=False") + ")";
    }
}
