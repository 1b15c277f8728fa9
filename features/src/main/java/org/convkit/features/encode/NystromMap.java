package org.convkit.features.encode;

import java.util.Arrays;
import org.convkit.filters.gemm.Gemm;
import org.convkit.filters.parallel.Parallel;
import org.convkit.filters.vector.VectorOps;

/**
 * Nyström approximation (Williams &amp; Seeger, NIPS 2001) of the Gaussian kernel
 * {@code k(x, y) = exp(-gamma |x - y|^2)}: with {@code m} landmark vectors {@code l_j}, the kernel
 * matrix {@code K} between them and its Cholesky factor {@code K = L L^T}, a vector maps to
 * {@code z(x) = L^-1 k(x)}, {@code k(x)_j = k(x, l_j)}, so that {@code z(x) . z(y) = k(x)^T K^-1 k(y)},
 * the kernel projected onto the landmarks' span (exact between landmarks). On vectors already mapped by
 * the chi2 {@link HomogeneousKernelMap}, where {@code |psi(x) - psi(y)|^2} is the chi2 distance, this is
 * the exponential-chi2 kernel, which couples all values: the non-additive kernel a linear SVM cannot
 * reach through the additive map alone. scikit-learn's {@code Nystroem} uses {@code K^-1/2} instead of
 * {@code L^-1}; the two maps differ by a rotation, which leaves an L2-regularised linear SVM unchanged.
 *
 * <p>{@link #unitFeatures} scales each {@code z(x)} to unit length, as the pipeline uses them: next to an
 * L2-normalised vector both parts then weigh the same (measured in bench/RESULTS.md).
 */
public final class NystromMap {
    private final float[][] landmarks;
    private final float[] landmarkNorms;
    private final double gamma;
    private volatile float[] landmarksT;    // [dimension, m] row-major: the landmarks as columns, for Gemm
    private volatile float[][] inverseFactor; // rows of L^-1 (lower triangular), for z = L^-1 k; made when first needed
    private volatile float[] factorT;       // (L^-1)^T, [m, m]

    /**
     * @param landmarks {@code m} vectors of one length (copied by reference: not to be modified)
     * @param gamma     the kernel's width, positive
     */
    public NystromMap(float[][] landmarks, double gamma) {
        this(landmarks, gamma, null);
    }

    /**
     * @param inverseFactor rows of {@code L^-1} as {@link #inverseFactor()} gave them for these landmarks (a
     *                      saved model's), or null to factor the kernel matrix when first needed
     */
    public NystromMap(float[][] landmarks, double gamma, float[][] inverseFactor) {
        if (landmarks.length == 0) {
            throw new IllegalArgumentException("a Nyström map needs at least one landmark");
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("the kernel width gamma must be positive, got " + gamma);
        }
        if (inverseFactor != null && (inverseFactor.length != landmarks.length
                || Arrays.stream(inverseFactor).anyMatch(row -> row.length != landmarks.length))) {
            throw new IllegalArgumentException("the inverse factor must be " + landmarks.length + " x " + landmarks.length);
        }
        this.landmarks = landmarks;
        this.gamma = gamma;
        this.landmarkNorms = squaredNorms(landmarks, landmarks[0].length);
        this.inverseFactor = inverseFactor;
    }

    /**
     * The rows of {@code L^-1} ({@code m x m}, zero above the diagonal; not to be modified), factored on first
     * use: in double, a few seconds for 4,000 landmarks, which is why a model keeps them.
     */
    public float[][] inverseFactor() {
        float[][] f = inverseFactor;
        if (f == null) {
            f = toFloat(invertLower(cholesky(gram(kernelValues(landmarks)))));
            inverseFactor = f;
        }
        return f;
    }

    public double gamma() { return gamma; }

    public int landmarkCount() { return landmarks.length; }

    public int dimension() { return landmarks[0].length; }

    /**
     * {@code k(x_i, l_j)} for every row {@code x_i}: {@code [x.length][landmarkCount]}. Rows may be longer than
     * the landmarks: only their first {@link #dimension()} values are read (a caller can keep room after them).
     */
    public float[][] kernelValues(float[][] x) {
        float[] flat = landmarksT;
        if (flat == null) {
            flat = transposed(landmarks, dimension());
            landmarksT = flat;
        }
        float[][] dots = products(x, flat, landmarks.length, dimension());
        float[] norms = squaredNorms(x, dimension());
        Parallel.forRange(x.length, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                float[] row = dots[i];
                for (int j = 0; j < row.length; j++) {
                    double d2 = Math.max(norms[i] + landmarkNorms[j] - 2.0 * row[j], 0);
                    row[j] = (float) Math.exp(-gamma * d2);
                }
            }
        });
        return dots;
    }

    /** The kernel values of one vector. */
    public float[] kernelValues(float[] x) {
        float norm = VectorOps.squaredNorm(x, 0, x.length);
        float[] out = new float[landmarks.length];
        for (int j = 0; j < out.length; j++) {
            double d2 = Math.max(norm + landmarkNorms[j] - 2.0 * VectorOps.dot(x, 0, landmarks[j], 0, x.length), 0);
            out[j] = (float) Math.exp(-gamma * d2);
        }
        return out;
    }

    /** The Nyström features {@code z(x_i) = L^-1 k(x_i)} of every row (of which {@link #kernelValues} reads). */
    public float[][] features(float[][] x) {
        float[] flat = factorT;
        if (flat == null) {
            flat = transposed(inverseFactor(), landmarks.length);
            factorT = flat;
        }
        return products(kernelValues(x), flat, landmarks.length, landmarks.length);
    }

    /**
     * The unit features of one vector by plain dot products: for a few vectors, packing the landmarks and the
     * factor for {@link #unitFeatures(float[][])} would cost more than the products.
     */
    public float[] unitFeatures(float[] x) {
        float[] k = kernelValues(x);
        float[][] factor = inverseFactor();
        float[] z = new float[k.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = VectorOps.dot(factor[j], 0, k, 0, j + 1);
        }
        VectorOps.l2Normalise(z);
        return z;
    }

    /** {@link #features} scaled to unit length (a zero vector stays zero). */
    public float[][] unitFeatures(float[][] x) {
        float[][] z = features(x);
        Parallel.forRange(z.length, 64, (from, to) -> {
            for (int i = from; i < to; i++) {
                VectorOps.l2Normalise(z[i]);
            }
        });
        return z;
    }

    /** Rows of this many vectors are multiplied at a time: a flat copy of a block stays near 100 MB. */
    private static final int BLOCK_ROWS = 1024;

    /**
     * {@code out[i][j] = a_i . b_j} over the first {@code d} values of each row of {@code a}, with the {@code b_j}
     * given as the columns of {@code bT} ({@code [d, m]}, so that {@link Gemm} packs it without gathers), on flat
     * copies of blocks of rows.
     */
    private static float[][] products(float[][] a, float[] bT, int m, int d) {
        if (a.length == 0) {
            throw new IllegalArgumentException("products of an empty matrix");
        }
        for (float[] row : a) {
            if (row.length < d) {
                throw new IllegalArgumentException("a row of " + row.length + " values against landmarks of " + d);
            }
        }
        int rowsPerBlock = Math.min(BLOCK_ROWS, a.length);
        float[] block = new float[Math.multiplyExact(rowsPerBlock, d)], c = new float[Math.multiplyExact(rowsPerBlock, m)];
        float[][] out = new float[a.length][];
        for (int from = 0; from < a.length; from += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, a.length - from);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(a[from + r], 0, block, r * d, d);
            }
            Gemm.sgemm(false, false, rows, m, d, block, 0, d, bT, 0, m, 0f, c, 0, m);
            for (int r = 0; r < rows; r++) {
                out[from + r] = Arrays.copyOfRange(c, r * m, (r + 1) * m);
            }
        }
        return out;
    }

    /** The first {@code d} values of the rows as the columns of a {@code [d, rows]} row-major matrix. */
    private static float[] transposed(float[][] rows, int d) {
        int m = rows.length;
        float[] t = new float[Math.multiplyExact(m, d)];
        Parallel.forRange(d, 256, (from, to) -> {
            for (int k = from; k < to; k++) {
                for (int j = 0; j < m; j++) {
                    t[k * m + j] = rows[j][k];
                }
            }
        });
        return t;
    }

    private static float[] squaredNorms(float[][] x, int length) {
        float[] n = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            n[i] = VectorOps.squaredNorm(x[i], 0, length);
        }
        return n;
    }

    private static double[][] gram(float[][] k) {
        int m = k.length;
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                g[i][j] = 0.5 * ((double) k[i][j] + k[j][i]); // symmetric to the last bit
            }
        }
        return g;
    }

    /**
     * Lower Cholesky factor of {@code k}, in double; a duplicate landmark makes {@code k} singular, so a
     * jitter of {@code 1e-6} times the mean diagonal is added to the diagonal, the customary remedy (more if
     * that is not enough).
     */
    static double[][] cholesky(double[][] k) {
        int m = k.length;
        double mean = 0;
        for (int i = 0; i < m; i++) {
            mean += k[i][i] / m;
        }
        for (double jitter = 1e-6 * mean; ; jitter *= 10) {
            double[][] l = tryCholesky(k, jitter);
            if (l != null) {
                return l;
            }
            if (jitter > mean) {
                throw new IllegalArgumentException("the landmarks' kernel matrix is not positive definite");
            }
        }
    }

    private static double[][] tryCholesky(double[][] k, double jitter) {
        int m = k.length;
        double[][] l = new double[m][];
        for (int i = 0; i < m; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double s = k[i][j] + (i == j ? jitter : 0);
                double[] li = l[i], lj = l[j];
                for (int p = 0; p < j; p++) {
                    s -= li[p] * lj[p];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    /**
     * The inverse of a lower triangular matrix (rows of growing length), row by row: row i of the inverse is
     * {@code (e_i - sum_p<i l[i][p] inv[p]) / l[i][i]}, a sum of earlier rows (contiguous, vectorised).
     */
    static double[][] invertLower(double[][] l) {
        int m = l.length;
        double[][] inv = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] row = new double[i + 1];
            double[] li = l[i];
            for (int p = 0; p < i; p++) {
                VectorOps.axpy(-li[p], inv[p], 0, row, 0, p + 1);
            }
            row[i] += 1;
            double f = 1 / li[i];
            for (int c = 0; c <= i; c++) {
                row[c] *= f;
            }
            inv[i] = row;
        }
        return inv;
    }

    private static float[][] toFloat(double[][] lower) {
        int m = lower.length;
        float[][] out = new float[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < lower[i].length; j++) {
                out[i][j] = (float) lower[i][j];
            }
        }
        return out;
    }
}
