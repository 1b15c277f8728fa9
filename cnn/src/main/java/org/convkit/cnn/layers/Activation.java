package org.convkit.cnn.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * An element-wise layer {@code y = f(x)} with {@code dx = dy * f'(x, y)}. Subclasses write the two loops
 * over a range (one call per range keeps the hot loops monomorphic); ranges are split over threads.
 */
public abstract class Activation implements Layer {
    private static final int MIN_CHUNK = 1 << 14;
    protected Tensor x, y, dx;

    /** {@code y[yo + i] = f(x[xo + i])} for {@code i in [from, to)}. */
    protected abstract void apply(float[] x, int xo, float[] y, int from, int to);

    /** {@code dx[i] = dy[dyo + i] * f'(x[xo + i], y[i])} for {@code i in [from, to)}. */
    protected abstract void derive(float[] x, int xo, float[] y, float[] dy, int dyo, float[] dx, int from, int to);

    @Override
    public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        x = input;
        y = Tensor.reuse(y, input.shape);
        float[] xd = x.data, yd = y.data;
        int xo = x.offset;
        Parallel.forRange(input.size(), MIN_CHUNK, (a, b) -> apply(xd, xo, yd, a, b));
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape);
        float[] xd = x.data, yd = y.data, g = dy.data, d = dx.data;
        int xo = x.offset, go = dy.offset;
        Parallel.forRange(x.size(), MIN_CHUNK, (a, b) -> derive(xd, xo, yd, g, go, d, a, b));
        return dx;
    }

    /** {@code max(0, x)}; the derivative at 0 is taken as 0, as PyTorch. Vector API: compare + blend. */
    public static final class ReLU extends Activation {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private boolean fused, gradientFused;

        /**
         * The previous layer already rectified its output (see {@link FusesRelu}) and, with
         * {@code gradientToo}, also masks the gradient it receives (see {@link BatchNorm#fuseRelu}).
         */
        void fuseIntoPrevious(boolean gradientToo) {
            fused = true;
            gradientFused = gradientToo;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            if (!fused || input.offset != 0) {
                return super.forward(input, training);
            }
            x = input; // already max(0, .): it is its own output, and derive reads the mask from it
            y = input;
            return input;
        }

        @Override
        public Tensor backward(Tensor dy) {
            // the previous layer masks dy itself (unless the forward pass above was not fused after all)
            return gradientFused && y == x ? dy : super.backward(dy);
        }

        @Override
        protected void apply(float[] x, int xo, float[] y, int from, int to) {
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, xo + i);
                zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
            }
            for (; i < to; i++) {
                y[i] = x[xo + i] > 0f ? x[xo + i] : 0f;
            }
        }

        @Override
        protected void derive(float[] x, int xo, float[] y, float[] dy, int dyo, float[] dx, int from, int to) {
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
                VectorMask<Float> on = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
                zero.blend(FloatVector.fromArray(S, dy, dyo + i), on).intoArray(dx, i);
            }
            for (; i < to; i++) {
                dx[i] = y[i] > 0f ? dy[dyo + i] : 0f;
            }
        }

        @Override
        public String describe() { return "ReLU()"; }
    }

    /** {@code x} for positive x, {@code slope * x} otherwise (PyTorch default slope 0.01). */
    public static final class LeakyReLU extends Activation {
        public final float slope;

        public LeakyReLU(float slope) { this.slope = slope; }

        @Override
        protected void apply(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                float v = x[xo + i];
                y[i] = v > 0f ? v : v * slope;
            }
        }

        @Override
        protected void derive(float[] x, int xo, float[] y, float[] dy, int dyo, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = x[xo + i] > 0f ? dy[dyo + i] : dy[dyo + i] * slope;
            }
        }

        @Override
        public String describe() { return "LeakyReLU(negative_slope=" + slope + ")"; }
    }

    /** Clevert et al. 2016: {@code x} for positive x, {@code alpha (e^x - 1)} otherwise. */
    public static final class ELU extends Activation {
        public final float alpha;

        public ELU(float alpha) { this.alpha = alpha; }

        @Override
        protected void apply(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                float v = x[xo + i];
                y[i] = v > 0f ? v : (float) (alpha * Math.expm1(v));
            }
        }

        @Override
        protected void derive(float[] x, int xo, float[] y, float[] dy, int dyo, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = x[xo + i] > 0f ? dy[dyo + i] : dy[dyo + i] * (y[i] + alpha);
            }
        }

        @Override
        public String describe() { return "ELU(alpha=" + alpha + ")"; }
    }

    /** {@code 1 / (1 + e^-x)}, derivative {@code y (1 - y)}. */
    public static final class Sigmoid extends Activation {
        @Override
        protected void apply(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = (float) (1.0 / (1.0 + Math.exp(-x[xo + i])));
            }
        }

        @Override
        protected void derive(float[] x, int xo, float[] y, float[] dy, int dyo, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = dy[dyo + i] * y[i] * (1f - y[i]);
            }
        }

        @Override
        public String describe() { return "Sigmoid()"; }
    }

    /** {@code tanh x}, derivative {@code 1 - y^2}. */
    public static final class Tanh extends Activation {
        @Override
        protected void apply(float[] x, int xo, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                y[i] = (float) Math.tanh(x[xo + i]);
            }
        }

        @Override
        protected void derive(float[] x, int xo, float[] y, float[] dy, int dyo, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                dx[i] = dy[dyo + i] * (1f - y[i] * y[i]);
            }
        }

        @Override
        public String describe() { return "Tanh()"; }
    }
}
