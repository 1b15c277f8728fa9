package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;

/** Output-size arithmetic shared by the pooling layers (PyTorch's floor mode). */
final class Pooling {
    private Pooling() {}

    /** The window rules both pools share (PyTorch's: padding at most half the window). */
    static void checkWindow(String name, int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(name + ": kernel and stride must be positive, padding at most kernel/2");
        }
    }

    static int[] outputShape(Layer layer, int[] s, int kernel, int stride, int padding) {
        if (s.length != 3) {
            throw new IllegalArgumentException(layer.describe() + " needs a C x H x W input, got " + Tensor.shapeString(s));
        }
        int ho = (s[1] + 2 * padding - kernel) / stride + 1;
        int wo = (s[2] + 2 * padding - kernel) / stride + 1;
        if (s[1] + 2 * padding < kernel || s[2] + 2 * padding < kernel) {
            throw new IllegalArgumentException(layer.describe() + ": input " + Tensor.shapeString(s) + " is smaller than the window");
        }
        return new int[] {s[0], ho, wo};
    }
}
