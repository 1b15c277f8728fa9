package org.convkit.cnn.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convkit.cnn.layers.Param;
import org.convkit.cnn.tensor.Tensor;

/**
 * Updates trainable parameters from the gradients the backward pass wrote. The learning rate may be
 * changed between steps (schedules). {@link #state()} exposes the optimiser's tensors by name
 * ({@code <param>.momentum_buffer}, {@code <param>.exp_avg}, ..., and {@code step}) for --resume.
 */
public abstract class Optimizer {
    protected final List<Param> params;
    protected double lr;
    protected long step;

    protected Optimizer(List<Param> params, double lr) {
        for (Param p : params) {
            if (!p.trainable()) {
                throw new IllegalArgumentException(p.name() + " is a buffer, not a trainable parameter");
            }
        }
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be non-negative, got " + lr);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    public double lr() { return lr; }

    public void setLr(double lr) { this.lr = lr; }

    /** Number of steps taken (PyTorch's {@code state['step']}). */
    public long steps() { return step; }

    /** Applies one update to every parameter. */
    public final void step() {
        step++;
        for (Param p : params) {
            update(p, slots(p));
        }
    }

    protected abstract void update(Param p, Tensor[] slots);

    /** Per-parameter state tensors, created lazily with the parameter's shape. */
    protected abstract String[] slotNames();

    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();

    private Tensor[] slots(Param p) {
        return slots.computeIfAbsent(p.name(), k -> {
            Tensor[] t = new Tensor[slotNames().length];
            for (int i = 0; i < t.length; i++) {
                t[i] = new Tensor(p.value().shape);
            }
            return t;
        });
    }

    /** The optimiser state by name, live tensors (copy them to keep a snapshot). */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Tensor s = new Tensor(1);
        s.data[0] = step;
        out.put("step", s);
        for (Param p : params) {
            Tensor[] t = slots(p);
            for (int i = 0; i < t.length; i++) {
                out.put(p.name() + "." + slotNames()[i], t[i]);
            }
        }
        return out;
    }

    /**
     * Whether {@code state} can be {@link #loadState loaded}: every entry of {@link #state()} present, each with its
     * shape ({@code step} with any); an IllegalArgumentException naming the first that is not. Changes nothing.
     */
    public void checkState(Map<String, Tensor> state) {
        state().forEach((name, mine) -> {
            Tensor saved = state.get(name);
            if (saved == null || (!name.equals("step") && !Arrays.equals(saved.shape, mine.shape))) {
                throw new IllegalArgumentException("optimizer state '" + name + "' is "
                        + (saved == null ? "missing" : Tensor.shapeString(saved.shape) + ", this network's " + Tensor.shapeString(mine.shape)));
            }
        });
    }

    /** Restores {@link #state()} after {@link #checkState} passed; a state it refuses changes nothing. */
    public void loadState(Map<String, Tensor> state) {
        checkState(state);
        state().forEach((name, mine) -> {
            if (!name.equals("step")) {
                mine.copyFrom(state.get(name));
            }
        });
        step = (long) state.get("step").get(0);
    }
}
