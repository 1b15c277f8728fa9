package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;

/**
 * A named tensor of a layer: a trainable parameter ({@code grad} non-null) or a buffer such as
 * BatchNorm's running mean ({@code grad} null). Names follow PyTorch's {@code state_dict}.
 */
public record Param(String name, Tensor value, Tensor grad) {
    public static Param trainable(String name, int... shape) {
        return new Param(name, new Tensor(shape), new Tensor(shape));
    }

    public static Param buffer(String name, Tensor value) {
        return new Param(name, value, null);
    }

    public boolean trainable() { return grad != null; }

    /** The same tensors under {@code prefix + name}, as a container module names its children's. */
    public Param withPrefix(String prefix) { return new Param(prefix + name, value, grad); }
}
