package org.convkit.cnn.optim;

import java.util.Locale;

/**
 * The learning-rate schedules a training run names, over its total number of steps: constant ({@code none});
 * {@code step}, times 0.1 after each third of the steps; {@code cosine} annealing to 0; {@code onecycle} with
 * PyTorch's OneCycleLR defaults.
 */
public enum ScheduleKind {
    NONE, STEP, COSINE, ONECYCLE;

    /** The name runs give it, as recorded in a model's metadata. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** The kind a label names, in any case and with spaces around it; an IllegalArgumentException for another. */
    public static ScheduleKind parse(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (ScheduleKind k : values()) {
            if (k.label().equals(l)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schedule '" + label + "' (none, step, cosine or onecycle)");
    }

    /** The schedule peaking at (or starting from) {@code lr}, over {@code totalSteps}. */
    public LrSchedule create(double lr, long totalSteps) {
        return switch (this) {
            case NONE -> LrSchedule.constant(lr);
            case STEP -> LrSchedule.step(lr, Math.max(1, totalSteps / 3), 0.1);
            case COSINE -> LrSchedule.cosine(lr, totalSteps, 0);
            case ONECYCLE -> LrSchedule.oneCycle(lr, Math.max(2, totalSteps));
        };
    }

    @Override
    public String toString() { return label(); }
}
