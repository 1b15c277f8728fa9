package org.convkit.cnn.layers;

/**
 * A layer that can apply the ReLU following it in its own output pass (one pass over the activations
 * instead of two). The ReLU, told by {@link Activation.ReLU#fuseIntoPrevious()}, then passes its input
 * through, and its backward pass reads the mask from that input as before.
 */
public interface FusesRelu {
    void fuseRelu(Activation.ReLU next);
}
