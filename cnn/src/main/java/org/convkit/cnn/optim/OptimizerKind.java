package org.convkit.cnn.optim;

import java.util.List;
import java.util.Locale;
import org.convkit.cnn.layers.Param;

/**
 * The optimisers a training run names, each with the learning rate and weight decay it takes when none is
 * given: SGD with momentum 0.05 and 5e-4 (L2), Adam 0.001 and 0, AdamW 0.001 and 0.01 (decoupled, as
 * {@code torch.optim.AdamW}'s default).
 */
public enum OptimizerKind {
    SGD(0.05, 5e-4), ADAM(1e-3, 0), ADAMW(1e-3, 0.01);

    private final double defaultLr;
    private final double defaultWeightDecay;

    OptimizerKind(double defaultLr, double defaultWeightDecay) {
        this.defaultLr = defaultLr;
        this.defaultWeightDecay = defaultWeightDecay;
    }

    /** The name runs give it ({@code sgd}, {@code adam}, {@code adamw}), as recorded in a model's metadata. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    public double defaultLr() { return defaultLr; }

    public double defaultWeightDecay() { return defaultWeightDecay; }

    /** The kind a label names, in any case and with spaces around it; an IllegalArgumentException for another. */
    public static OptimizerKind parse(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (OptimizerKind k : values()) {
            if (k.label().equals(l)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + label + "' (sgd, adam or adamw)");
    }

    /** The optimiser over {@code params}; {@code momentum} and {@code nesterov} count for SGD only. */
    public Optimizer create(List<Param> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        return switch (this) {
            case SGD -> new Sgd(params, lr, momentum, nesterov, weightDecay);
            case ADAM -> Adam.adam(params, lr, weightDecay);
            case ADAMW -> Adam.adamW(params, lr, weightDecay);
        };
    }

    @Override
    public String toString() { return label(); }
}
