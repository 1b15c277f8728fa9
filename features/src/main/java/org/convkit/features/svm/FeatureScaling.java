package org.convkit.features.svm;

import java.util.Locale;
import org.convkit.features.state.ModelState;
import org.convkit.filters.vector.VectorOps;

/**
 * The per-feature step before the SVM: none; standardisation (subtract the training mean, divide by the
 * training standard deviation, as scikit-learn's {@code StandardScaler}; constant features keep scale 1);
 * or L2 normalisation of each vector (no learnt state).
 */
public final class FeatureScaling {

    public enum Mode {
        NONE, STANDARDIZE, L2;

        public static Mode parse(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    private final Mode mode;
    private final float[] mean;
    private final float[] invStd;

    private FeatureScaling(Mode mode, float[] mean, float[] invStd) {
        this.mode = mode;
        this.mean = mean;
        this.invStd = invStd;
    }

    public static FeatureScaling of(Mode mode) {
        if (mode == Mode.STANDARDIZE) {
            throw new IllegalArgumentException("standardisation must be fitted: use fit()");
        }
        return new FeatureScaling(mode, null, null);
    }

    public static FeatureScaling fit(Mode mode, float[][] x) {
        if (mode != Mode.STANDARDIZE) {
            return of(mode);
        }
        int d = x[0].length;
        double[] s = new double[d], ss = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                s[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] /= x.length;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double u = row[j] - s[j];
                ss[j] += u * u;
            }
        }
        float[] mean = new float[d], inv = new float[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(ss[j] / x.length);
            mean[j] = (float) s[j];
            inv[j] = std < 1e-12 ? 1f : (float) (1 / std);
        }
        return new FeatureScaling(mode, mean, inv);
    }

    public Mode mode() { return mode; }

    /** A scaled copy of {@code x}. */
    public float[] apply(float[] x) {
        float[] y = x.clone();
        scaleInPlace(y);
        return y;
    }

    /** Scales {@code x} itself. */
    public void scaleInPlace(float[] x) {
        switch (mode) {
            case NONE -> { }
            case L2 -> VectorOps.l2Normalise(x);
            case STANDARDIZE -> {
                if (x.length != mean.length) {
                    throw new IllegalArgumentException("vector has " + x.length + " features, the scaler was fitted on " + mean.length);
                }
                for (int j = 0; j < x.length; j++) {
                    x[j] = (x[j] - mean[j]) * invStd[j];
                }
            }
        }
    }

    public void exportTo(ModelState s, String prefix) {
        s.putString(prefix + "mode", mode.label());
        if (mode == Mode.STANDARDIZE) {
            s.putArray(prefix + "mean", mean.clone(), mean.length);
            s.putArray(prefix + "inv_std", invStd.clone(), invStd.length);
        }
    }

    public static FeatureScaling importFrom(ModelState s, String prefix) {
        Mode mode = Mode.parse(s.string(prefix + "mode"));
        if (mode != Mode.STANDARDIZE) {
            return of(mode);
        }
        float[] mean = s.array(prefix + "mean").data();
        return new FeatureScaling(mode, mean, s.array(prefix + "inv_std", mean.length));
    }
}
