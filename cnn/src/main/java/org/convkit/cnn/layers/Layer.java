package org.convkit.cnn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.convkit.cnn.tensor.Tensor;

/**
 * One module of a network, with its forward pass and its backward pass side by side.
 * <p>
 * {@code forward} keeps what {@code backward} needs; {@code backward} takes dL/d(output), <em>writes</em>
 * (not accumulates) the gradients of the layer's parameters and returns dL/d(input). Returned tensors
 * are buffers owned by the layer and reused by its next call. Shapes exclude the batch dimension.
 */
public interface Layer {
    /** The output shape of one sample; throws {@link IllegalArgumentException} saying why an input does not fit. */
    int[] outputShape(int[] inputShape);

    Tensor forward(Tensor x, boolean training);

    Tensor backward(Tensor gradOutput);

    /** Trainable parameters, named as in PyTorch's state dict. */
    default List<Param> params() { return List.of(); }

    /** Parameters then buffers, in PyTorch's {@code state_dict} order. */
    default List<Param> state() { return params(); }

    /** Initialises parameters from {@code rng} (He or Xavier for weights). */
    default void init(Init scheme, RandomGenerator rng) {}

    /** Lets the first layer skip computing a gradient nobody reads. */
    default void setInputGradNeeded(boolean needed) {}

    /** A PyTorch-like one-line description, e.g. {@code Conv2d(1, 6, kernel_size=5, padding=2)}. */
    String describe();

    /** Concatenates children's lists under their prefixes: helper for container layers. */
    static List<Param> prefixed(String prefix, List<Param> params, List<Param> into) {
        List<Param> out = into == null ? new ArrayList<>() : into;
        for (Param p : params) {
            out.add(p.withPrefix(prefix));
        }
        return out;
    }
}
