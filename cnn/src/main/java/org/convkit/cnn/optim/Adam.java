package org.convkit.cnn.optim;

import java.util.List;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.tensor.Tensor;

/**
 * Adam (Kingma & Ba 2015) as {@code torch.optim.Adam}, and AdamW (Loshchilov & Hutter 2019) as
 * {@code torch.optim.AdamW}: Adam adds {@code wd * w} to the gradient, AdamW first shrinks
 * {@code w *= 1 - lr * wd}. Then {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 */
public final class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;

    public Adam(List<Param> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                boolean decoupledWeightDecay) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || eps < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("Adam needs betas in [0, 1) and non-negative eps and weight decay");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupledWeightDecay;
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8). */
    public static Adam adam(List<Param> params, double lr, double weightDecay) {
        return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, false);
    }

    /** AdamW with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8; PyTorch's default weight decay is 0.01). */
    public static Adam adamW(List<Param> params, double lr, double weightDecay) {
        return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    @Override
    protected String[] slotNames() { return new String[] {"exp_avg", "exp_avg_sq"}; }

    @Override
    protected void update(Param p, Tensor[] slots) {
        float[] w = p.value().data, g = p.grad().data, m = slots[0].data, v = slots[1].data;
        int wo = p.value().offset, go = p.grad().offset, n = p.value().size();
        float b1 = (float) beta1, b2 = (float) beta2, wd = (float) weightDecay;
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1), bc2Sqrt = (float) Math.sqrt(bc2), e = (float) eps;
        float shrink = (float) (1 - lr * weightDecay);
        for (int i = 0; i < n; i++) {
            float d = g[go + i];
            if (wd != 0f) {
                if (decoupled) {
                    w[wo + i] *= shrink;
                } else {
                    d += wd * w[wo + i];
                }
            }
            m[i] = m[i] * b1 + (1 - b1) * d;
            v[i] = v[i] * b2 + (1 - b2) * d * d;
            float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + e;
            w[wo + i] -= stepSize * m[i] / denom;
        }
    }
}
