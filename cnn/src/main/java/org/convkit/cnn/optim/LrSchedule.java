package org.convkit.cnn.optim;

/**
 * A learning rate as a function of the step (an epoch or an iteration, as the caller counts), with the
 * formulas of PyTorch's {@code lr_scheduler}s. Stateless, so a resumed run just asks for its step.
 */
@FunctionalInterface
public interface LrSchedule {
    double lr(long step);

    static LrSchedule constant(double lr) { return t -> lr; }

    /** {@code StepLR}: {@code lr * gamma^floor(t / stepSize)}. */
    static LrSchedule step(double lr, long stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("step size must be positive");
        }
        return t -> lr * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /** {@code CosineAnnealingLR}: {@code min + (lr - min)(1 + cos(pi t / T)) / 2} (past T it rises again, as PyTorch's). */
    static LrSchedule cosine(double lr, long total, double minLr) {
        if (total <= 0) {
            throw new IllegalArgumentException("cosine schedule needs a positive number of steps");
        }
        return t -> minLr + (lr - minLr) * (1 + Math.cos(Math.PI * t / total)) / 2;
    }

    /**
     * {@code OneCycleLR} (Smith 2018, PyTorch's defaults: cosine annealing, two phases): from
     * {@code max/divFactor} up to {@code max} over the first {@code pctStart} of the steps, then down to
     * {@code max/(divFactor*finalDivFactor)} at the last step.
     */
    static LrSchedule oneCycle(double maxLr, long total, double pctStart, double divFactor, double finalDivFactor) {
        if (total <= 1) {
            throw new IllegalArgumentException("one-cycle schedule needs at least 2 steps");
        }
        double initial = maxLr / divFactor, last = initial / finalDivFactor;
        double peak = pctStart * total - 1;
        return t -> {
            if (t <= peak) {
                return anneal(initial, maxLr, t / peak);
            }
            return anneal(maxLr, last, Math.min(1.0, (t - peak) / (total - 1 - peak)));
        };
    }

    static LrSchedule oneCycle(double maxLr, long total) { return oneCycle(maxLr, total, 0.3, 25, 1e4); }

    /** Linear warm-up ({@code LinearLR} from {@code startFactor} to 1 over {@code steps}) in front of {@code then}. */
    static LrSchedule warmup(long steps, double startFactor, LrSchedule then) {
        return t -> then.lr(t) * (t >= steps ? 1.0 : startFactor + (1 - startFactor) * t / steps);
    }

    private static double anneal(double from, double to, double pct) {
        return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1);
    }
}
