package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;

/** {@code [N, C, H, W] -> [N, C*H*W]} as a view of the same array ({@code torch.nn.Flatten}). */
public final class Flatten implements Layer {
    private int[] inputShape;

    @Override
    public int[] outputShape(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return new int[] {n};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        inputShape = x.shape.clone();
        return x.reshape(x.dim(0), x.sampleSize());
    }

    @Override
    public Tensor backward(Tensor dy) { return dy.reshape(inputShape); }

    @Override
    public String describe() { return "Flatten()"; }
}
