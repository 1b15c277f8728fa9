package org.convkit.cnn.optim;

import java.util.List;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.tensor.Tensor;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD} (dampening 0): {@code g = grad + wd * w};
 * with momentum {@code buf = g} on the first step, then {@code buf = mu * buf + g}; Nesterov uses
 * {@code g + mu * buf}, plain momentum {@code buf}; {@code w -= lr * g}.
 */
public final class Sgd extends Optimizer {
    private final double momentum, weightDecay;
    private final boolean nesterov;

    public Sgd(List<Param> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("momentum and weight decay must be non-negative");
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum above 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    protected String[] slotNames() { return momentum == 0 ? new String[0] : new String[] {"momentum_buffer"}; }

    @Override
    protected void update(Param p, Tensor[] slots) {
        float[] w = p.value().data, g = p.grad().data;
        int wo = p.value().offset, go = p.grad().offset, n = p.value().size();
        float wd = (float) weightDecay, mu = (float) momentum, rate = (float) lr;
        float[] buf = momentum == 0 ? null : slots[0].data;
        boolean first = step == 1;
        for (int i = 0; i < n; i++) {
            float d = g[go + i];
            if (wd != 0f) {
                d += wd * w[wo + i];
            }
            if (buf != null) {
                buf[i] = first ? d : mu * buf[i] + d;
                d = nesterov ? d + mu * buf[i] : buf[i];
            }
            w[wo + i] -= rate * d;
        }
    }
}
