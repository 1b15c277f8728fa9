package org.convkit.cnn.layers;

import org.convkit.cnn.tensor.Tensor;

/**
 * Mean softmax cross-entropy over a batch of logits {@code [N, classes]}, computed stably through
 * log-sum-exp, with optional label smoothing as {@code torch.nn.CrossEntropyLoss(label_smoothing=e)}:
 * the target is {@code (1 - e) onehot + e / classes}. The gradient is {@code (softmax - target) / N}.
 */
public final class SoftmaxCrossEntropy {
    private final float smoothing;
    private Tensor probs, grad;
    private int[] labels;

    public SoftmaxCrossEntropy(float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing < 1f)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        this.smoothing = labelSmoothing;
    }

    public float labelSmoothing() { return smoothing; }

    /** The mean loss; remembers the softmax for {@link #backward()}. */
    public float forward(Tensor logits, int[] labels) {
        int n = logits.dim(0), k = logits.dim(1);
        if (labels.length < n) {
            throw new IllegalArgumentException("got " + labels.length + " labels for a batch of " + n);
        }
        this.labels = labels;
        probs = Tensor.reuse(probs, n, k);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int row = logits.offset + i * k;
            int label = labels[i];
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("label " + label + " outside the " + k + " classes of the network");
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits.data[row + j]);
            }
            double s = 0, sumLogits = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(logits.data[row + j] - max);
                probs.data[i * k + j] = (float) e;
                s += e;
                sumLogits += logits.data[row + j] - max;
            }
            double logZ = Math.log(s);
            for (int j = 0; j < k; j++) {
                probs.data[i * k + j] = (float) (probs.data[i * k + j] / s);
            }
            double nll = logZ - (logits.data[row + label] - max);
            double uniform = logZ - sumLogits / k; // mean over classes of -log p_j
            total += (1 - smoothing) * nll + smoothing * uniform;
        }
        return (float) (total / n);
    }

    /** dL/dlogits of the last {@link #forward}. */
    public Tensor backward() {
        int n = probs.dim(0), k = probs.dim(1);
        grad = Tensor.reuse(grad, n, k);
        float off = smoothing / k, on = 1f - smoothing + off, inv = 1f / n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                float target = j == labels[i] ? on : off;
                grad.data[i * k + j] = (probs.data[i * k + j] - target) * inv;
            }
        }
        return grad;
    }

    /** The softmax probabilities of the last {@link #forward}. */
    public Tensor probabilities() { return probs; }

    /** Row-wise softmax of logits {@code [N, classes]} into a new tensor (for predictions). */
    public static Tensor softmax(Tensor logits) {
        int n = logits.dim(0), k = logits.dim(1);
        Tensor p = new Tensor(n, k);
        for (int i = 0; i < n; i++) {
            int row = logits.offset + i * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits.data[row + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(logits.data[row + j] - max);
            }
            for (int j = 0; j < k; j++) {
                p.data[i * k + j] = (float) (Math.exp(logits.data[row + j] - max) / s);
            }
        }
        return p;
    }

    /** Index of the largest logit of sample {@code i}. */
    public static int argmax(Tensor logits, int i) {
        int k = logits.dim(1), row = logits.offset + i * k, best = 0;
        for (int j = 1; j < k; j++) {
            if (logits.data[row + j] > logits.data[row + best]) {
                best = j;
            }
        }
        return best;
    }
}
