package org.convkit.cnn.layers;

import java.util.SplittableRandom;
import org.convkit.cnn.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al. 2014, scaled at training time as PyTorch): in training each value
 * is zeroed with probability p and the rest are divided by 1 - p; in evaluation it is the identity.
 * The mask is drawn from a generator seeded by {@code (seed, step)}, so a run resumed at a given step
 * draws the same masks as an uninterrupted one; {@link org.convkit.cnn.nn.Network} sets the step.
 */
public final class Dropout implements Layer {
    public final float p;
    private long seed;
    private long step;
    private Tensor x, y, dx;
    private float[] scale = new float[0];
    private boolean trainingPass;

    public Dropout(float p) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    public void setSeed(long seed) { this.seed = seed; }

    public void setStep(long step) { this.step = step; }

    @Override
    public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        x = input;
        trainingPass = training && p > 0f;
        if (!trainingPass) {
            return input;
        }
        int n = input.size();
        y = Tensor.reuse(y, input.shape);
        if (scale.length < n) {
            scale = new float[n];
        }
        SplittableRandom rng = new SplittableRandom(seed ^ (step * 0x9E3779B97F4A7C15L));
        float keep = 1f / (1f - p);
        for (int i = 0; i < n; i++) {
            scale[i] = rng.nextFloat() < p ? 0f : keep;
            y.data[i] = input.data[input.offset + i] * scale[i];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (!trainingPass) {
            return dy;
        }
        dx = Tensor.reuse(dx, x.shape);
        for (int i = 0, n = x.size(); i < n; i++) {
            dx.data[i] = dy.data[dy.offset + i] * scale[i];
        }
        return dx;
    }

    @Override
    public String describe() { return "Dropout(p=" + p + ")"; }
}
