package org.convkit.cnn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.convkit.cnn.layers.Init;
import org.convkit.cnn.layers.Layer;
import org.convkit.cnn.layers.Param;

/**
 * Checks that a sample of initial weights follows a distribution, with tolerances of a few standard
 * errors for samples of at least {@value #MIN_SAMPLE} values (the tests draw from seeded generators, so a check that
 * passes once passes always).
 */
public final class Distributions {
    public static final int MIN_SAMPLE = 40_000;

    private Distributions() {}

    /** The values {@code name} of {@code layer} takes over enough calls of {@code init} to hold {@value #MIN_SAMPLE} (or more). */
    public static float[] draws(Layer layer, Init scheme, String name, long seed) {
        return draws(layer, scheme, name, seed, MIN_SAMPLE);
    }

    /** As {@link #draws(Layer, Init, String, long)}, at least {@code count} values (one call for a constant). */
    public static float[] draws(Layer layer, Init scheme, String name, long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        Param p = layer.state().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        int n = p.value().size();
        int rounds = Math.max(1, (count + n - 1) / n);
        float[] out = new float[rounds * n];
        for (int r = 0; r < rounds; r++) {
            layer.init(scheme, rng);
            for (int i = 0; i < n; i++) {
                out[r * n + i] = p.value().get(i);
            }
        }
        return out;
    }

    /** U(-bound, bound): nothing outside the float32 bound, the extremes reached, mean 0, variance bound^2 / 3. */
    public static void assertUniform(String what, float[] v, double bound) {
        assertTrue(v.length >= MIN_SAMPLE, what + ": " + v.length + " values are too few for these tolerances");
        float b = (float) bound;
        double max = 0, sum = 0, sq = 0;
        for (float x : v) {
            if (!(Math.abs(x) <= b)) {
                fail(what + ": " + x + " outside +-" + b);
            }
            max = Math.max(max, Math.abs(x));
            sum += x;
            sq += (double) x * x;
        }
        int n = v.length;
        double mean = sum / n, var = sq / n - mean * mean;
        // P(no |x| above (1 - 1e-3) b) = (1 - 1e-3)^n, below 1e-17 for n >= 40,000
        assertTrue(max >= b * (1 - 1e-3), what + ": largest |x| " + max + " far from the bound " + b);
        assertTrue(Math.abs(mean) <= 5 * bound / Math.sqrt(3.0 * n), what + ": mean " + mean);
        // the sample variance of U(-b, b) has a relative standard error of sqrt(0.8 / n), under 0.5% here
        assertEquals(bound * bound / 3, var, 0.03 * bound * bound / 3, what + ": variance");
    }

    /** N(0, std^2): mean 0 and variance std^2. */
    public static void assertNormal(String what, float[] v, double std) {
        assertTrue(v.length >= MIN_SAMPLE, what + ": " + v.length + " values are too few for these tolerances");
        double sum = 0, sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        int n = v.length;
        double mean = sum / n, var = sq / n - mean * mean;
        assertTrue(Math.abs(mean) <= 5 * std / Math.sqrt(n), what + ": mean " + mean);
        // relative standard error of a normal sample variance: sqrt(2 / n), 0.7% here
        assertEquals(std * std, var, 0.04 * std * std, what + ": variance");
    }

    /** Every value is {@code value} (BatchNorm's ones and zeros, zero biases). */
    public static void assertConstant(String what, float[] v, float value) {
        for (float x : v) {
            if (x != value) {
                fail(what + ": " + x + " instead of " + value);
            }
        }
    }
}
