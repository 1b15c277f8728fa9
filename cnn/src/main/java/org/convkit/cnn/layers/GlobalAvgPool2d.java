package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;

/** Global average pooling, {@code torch.nn.AdaptiveAvgPool2d(1)}: {@code [N, C, H, W] -> [N, C, 1, 1]}. */
public final class GlobalAvgPool2d implements Layer {
    private Tensor x, y, dx;

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 3) {
            throw new IllegalArgumentException("global average pooling needs a C x H x W input, got " + Tensor.shapeString(s));
        }
        return new int[] {s[0], 1, 1};
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        outputShape(input.sampleShape());
        x = input;
        int planes = input.dim(0) * input.dim(1), hw = input.dim(2) * input.dim(3);
        y = Tensor.reuse(y, input.dim(0), input.dim(1), 1, 1);
        for (int p = 0; p < planes; p++) {
            float s = 0f;
            int base = x.offset + p * hw;
            for (int i = 0; i < hw; i++) {
                s += x.data[base + i];
            }
            y.data[p] = s / hw;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape);
        int planes = x.dim(0) * x.dim(1), hw = x.dim(2) * x.dim(3);
        for (int p = 0; p < planes; p++) {
            java.util.Arrays.fill(dx.data, p * hw, (p + 1) * hw, dy.data[dy.offset + p] / hw);
        }
        return dx;
    }

    @Override
    public String describe() { return "AdaptiveAvgPool2d(output_size=1)"; }
}
