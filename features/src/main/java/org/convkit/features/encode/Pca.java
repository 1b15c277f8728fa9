package org.convkit.features.encode;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.convkit.features.state.ModelState;
import org.convkit.filters.vector.VectorOps;

/**
 * Principal component analysis of descriptors: centre on the sample mean, project on the leading
 * eigenvectors of the sample covariance (Commons Math's symmetric eigen-decomposition, in double).
 * Each component's sign is fixed so that its largest-magnitude entry is positive, so a refit on the same
 * sample gives the same projection.
 */
public final class Pca {
    private final int inputDim;
    private final int outputDim;
    private final float[] mean;
    private final float[] components; // [outputDim, inputDim]

    public Pca(float[] mean, float[] components) {
        this.inputDim = mean.length;
        if (inputDim == 0 || components.length % inputDim != 0) {
            throw new IllegalArgumentException("PCA components do not match a mean of length " + mean.length);
        }
        this.outputDim = components.length / inputDim;
        this.mean = mean.clone();
        this.components = components.clone();
    }

    public int inputDimension() { return inputDim; }

    public int outputDimension() { return outputDim; }

    public float[] components() { return components.clone(); }

    public static Pca fit(float[] data, int n, int d, int outputDim) {
        if (outputDim < 1 || outputDim > d) {
            throw new IllegalArgumentException("PCA dimension must be in [1, " + d + "], got " + outputDim);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                mean[t] += data[i * d + t];
            }
        }
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                row[t] = data[i * d + t] - mean[t];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                if (ra == 0) {
                    continue;
                }
                double[] ca = cov[a];
                for (int b = a; b < d; b++) {
                    ca[b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        float[] comps = new float[outputDim * d];
        for (int c = 0; c < outputDim; c++) {
            RealVector v = eig.getEigenvector(order[c]);
            int arg = 0;
            for (int t = 1; t < d; t++) {
                if (Math.abs(v.getEntry(t)) > Math.abs(v.getEntry(arg))) {
                    arg = t;
                }
            }
            double sign = v.getEntry(arg) < 0 ? -1 : 1;
            for (int t = 0; t < d; t++) {
                comps[c * d + t] = (float) (sign * v.getEntry(t));
            }
        }
        float[] m = new float[d];
        for (int t = 0; t < d; t++) {
            m[t] = (float) mean[t];
        }
        return new Pca(m, comps);
    }

    /** Projects the {@code n} rows of {@code data} ({@code [n, inputDim]}) to {@code [n, outputDim]}. */
    public float[] project(float[] data, int n) {
        float[] out = new float[n * outputDim];
        float[] centred = new float[inputDim];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < inputDim; t++) {
                centred[t] = data[i * inputDim + t] - mean[t];
            }
            for (int c = 0; c < outputDim; c++) {
                out[i * outputDim + c] = VectorOps.dot(centred, 0, components, c * inputDim, inputDim);
            }
        }
        return out;
    }

    public void exportTo(ModelState s, String prefix) {
        s.putArray(prefix + "mean", mean.clone(), inputDim);
        s.putArray(prefix + "components", components.clone(), outputDim, inputDim);
    }

    public static Pca importFrom(ModelState s, String prefix) {
        float[] mean = s.array(prefix + "mean").data();
        ModelState.Array c = s.array(prefix + "components");
        if (c.shape().length != 2 || c.shape()[1] != mean.length) {
            throw new IllegalArgumentException("array '" + prefix + "components' must be [k, " + mean.length + "]");
        }
        return new Pca(mean, c.data());
    }
}
