package org.convkit.cnn.layers;

/**
 * A layer that can apply the ReLU following it in its own output pass (one pass over the activations
 * instead of two). The ReLU, told by {@link Activation.ReLU#fuseIntoPrevious(boolean)}, then passes its input
 * through, and its backward pass reads the mask from that input as before, or, when the layer masks the
 * gradient in its own backward pass too (BatchNorm), passes the gradient through as well.
 */
public interface FusesRelu {
    void fuseRelu(Activation.ReLU next);
}
