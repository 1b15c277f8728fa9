package org.convkit.features.svm;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.convkit.features.state.ModelState;
import org.convkit.filters.parallel.Parallel;
import org.convkit.filters.vector.VectorOps;

/**
 * One-vs-rest linear SVM with an L2-regularised squared hinge loss solved in the dual, as LIBLINEAR's
 * {@code -s 1} and scikit-learn's {@code LinearSVC} (which calls LIBLINEAR) do: for each class c,
 * {@code min_w 1/2 |w|^2 + C sum_i max(0, 1 - y_i w.[x_i, 1])^2} with {@code y_i = +1} for class c and
 * -1 otherwise; the bias is the weight of a constant feature 1 (LIBLINEAR's {@code -B 1}, regularised
 * like scikit-learn's {@code intercept_scaling=1}). The predicted class has the largest score
 * {@code w_c . x + b_c}.
 *
 * <p>Two solvers for the same problem: the Java port of LIBLINEAR ({@code de.bwaldvogel:liblinear}),
 * and {@link DenseDualSolver}, the same dual coordinate descent (Hsieh et al., ICML 2008) on dense float
 * rows, for data sets whose LIBLINEAR form (one object per non-zero value) would not fit in memory.
 * {@link Solver#AUTO} takes LIBLINEAR for sparse rows (at most {@value #LIBLINEAR_MAX_DENSITY} of the values
 * non-zero, and at most {@value #LIBLINEAR_MAX_VALUES} of them in all), the dense solver otherwise.
 */
public final class LinearSvm {
    static final long LIBLINEAR_MAX_VALUES = 1L << 24;
    static final double LIBLINEAR_MAX_DENSITY = 0.1;

    public enum Solver {
        AUTO, LIBLINEAR, DENSE;

        public static Solver parse(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
    }

    /**
     * @param c             regularisation trade-off C
     * @param epsilon       stopping tolerance on the projected gradient (LIBLINEAR's default for this solver: 0.1)
     * @param maxIterations passes over the data per class (scikit-learn's default: 1000)
     * @param solver        which implementation
     * @param seed          order of the coordinate passes (DENSE; LIBLINEAR's port uses its own fixed seed)
     */
    public record Options(double c, double epsilon, int maxIterations, Solver solver, long seed) {
        public Options {
            if (!(c > 0) || !(epsilon > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("C and epsilon must be positive and iterations at least 1");
            }
        }

        public static Options defaults() { return new Options(1.0, 0.1, 1000, Solver.AUTO, 1); }

        public Options withC(double newC) { return new Options(newC, epsilon, maxIterations, solver, seed); }

        public Options withSolver(Solver s) { return new Options(c, epsilon, maxIterations, s, seed); }
    }

    private final int[] classes;
    private final int dim;
    private final float[] weights; // [classes, dim]
    private final float[] bias;    // [classes]

    public LinearSvm(int[] classes, float[] weights, float[] bias) {
        if (classes.length < 2 || bias.length != classes.length || weights.length % classes.length != 0) {
            throw new IllegalArgumentException("SVM arrays do not agree: " + classes.length + " classes, "
                    + weights.length + " weights, " + bias.length + " biases");
        }
        this.classes = classes.clone();
        this.dim = weights.length / classes.length;
        this.weights = weights.clone();
        this.bias = bias.clone();
    }

    /** Fits one binary SVM per distinct label of {@code y} on the rows of {@code x}. */
    public static LinearSvm fit(float[][] x, int[] y, Options options) { return new Path(x, y, options, null).fit(options.c()); }

    /**
     * Fits of the same rows at one C after another. With the dense solver each fit starts from the dual
     * solution of the fit before ({@link DenseDualSolver}: feasible at any C, and near the solution when the
     * C is near), so walking a grid of C upwards costs little more than its last fits; LIBLINEAR's port
     * has no warm start for this dual, and starts each fit from zero.
     */
    public static final class Path {
        private final float[][] x;
        private final int[] y;
        private final Options options;
        private final Solver solver;
        private final int[] classes;
        private final double[][] alpha; // [class][row], the dense solver's dual variables
        private Feature[][] liblinearRows;

        /**
         * @param start dual variables {@code [classes][rows]} to start the first fit from (the classes in
         *              ascending order, as {@link #classes()}); null: from zero
         */
        public Path(float[][] x, int[] y, Options options, double[][] start) {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException(x.length + " vectors but " + y.length + " labels");
            }
            int d = x[0].length;
            for (float[] row : x) {
                if (row.length != d) {
                    throw new IllegalArgumentException("vectors differ in length: " + d + " and " + row.length);
                }
            }
            this.classes = new TreeSet<>(Arrays.stream(y).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
            if (classes.length < 2) {
                throw new IllegalArgumentException("an SVM needs at least two classes, the labels hold " + classes.length);
            }
            this.x = x;
            this.y = y;
            this.options = options;
            this.solver = options.solver() == Solver.AUTO ? automatic(x) : options.solver();
            this.alpha = new double[classes.length][];
            for (int k = 0; k < classes.length; k++) {
                if (start != null && (start.length != classes.length || start[k].length != x.length)) {
                    throw new IllegalArgumentException("the start holds " + start.length + " classes of dual variables, the rows "
                            + classes.length + " classes of " + x.length);
                }
                alpha[k] = start == null ? new double[x.length] : start[k].clone();
            }
        }

        /** The SVM at {@code c}, the other options as given. */
        public LinearSvm fit(double c) {
            Options o = options.withC(c);
            int d = x[0].length;
            float[] w = new float[classes.length * d], b = new float[classes.length];
            if (solver == Solver.LIBLINEAR) {
                if (liblinearRows == null) {
                    liblinearRows = liblinearRows(x);
                }
                for (int k = 0; k < classes.length; k++) {
                    trainLiblinear(liblinearRows, d, y, classes[k], o, w, b, k);
                }
            } else {
                Parallel.forRange(classes.length, 1, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        float[] wk = DenseDualSolver.train(x, y, classes[k], o.c(), o.epsilon(), o.maxIterations(),
                                new SplittableRandom(o.seed() + k), alpha[k]);
                        System.arraycopy(wk, 0, w, k * d, d);
                        b[k] = wk[d];
                    }
                });
            }
            return new LinearSvm(classes, w, b);
        }

        /** The solver {@link Solver#AUTO} resolved to. */
        public Solver solver() { return solver; }

        /** The dual variables of the last fit, {@code [class][row]} (a copy; zeros before the first or with LIBLINEAR). */
        public double[][] dual() { return Arrays.stream(alpha).map(double[]::clone).toArray(double[][]::new); }
    }

    /**
     * LIBLINEAR for sparse rows (its rows hold only the non-zero values, and it shrinks the active set), the
     * dense solver otherwise: on dense rows such as standardised HOG its vector loops over plain arrays run
     * many times faster than the port's one object per value (bench/RESULTS.md), and it warm-starts.
     */
    private static Solver automatic(float[][] x) {
        long nnz = 0;
        for (float[] row : x) {
            for (float v : row) {
                nnz += v != 0 ? 1 : 0;
            }
        }
        boolean sparse = nnz <= LIBLINEAR_MAX_DENSITY * x.length * (double) x[0].length;
        return sparse && nnz + x.length <= LIBLINEAR_MAX_VALUES ? Solver.LIBLINEAR : Solver.DENSE;
    }

    private static Feature[][] liblinearRows(float[][] x) {
        int d = x[0].length;
        Feature[][] rows = new Feature[x.length][];
        for (int i = 0; i < x.length; i++) {
            int nnz = 0;
            for (float v : x[i]) {
                nnz += v != 0 ? 1 : 0;
            }
            Feature[] r = new Feature[nnz + 1];
            int at = 0;
            for (int j = 0; j < d; j++) {
                if (x[i][j] != 0) {
                    r[at++] = new FeatureNode(j + 1, x[i][j]);
                }
            }
            r[at] = new FeatureNode(d + 1, 1.0); // the bias feature, LIBLINEAR's -B 1
            rows[i] = r;
        }
        return rows;
    }

    private static void trainLiblinear(Feature[][] rows, int d, int[] y, int positive, Options o, float[] w, float[] b, int k) {
        Problem p = new Problem();
        p.l = rows.length;
        p.n = d + 1;
        p.x = rows;
        p.y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p.y[i] = y[i] == positive ? 1 : -1;
        }
        p.bias = -1; // the constant feature is already in every row
        Parameter param = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, o.c(), o.epsilon(), o.maxIterations(), 0.1);
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model m = Linear.train(p, param);
        double[] fw = m.getFeatureWeights();
        // LIBLINEAR scores the first label it met as positive.
        double sign = m.getLabels()[0] == 1 ? 1 : -1;
        for (int j = 0; j < d; j++) {
            w[k * d + j] = (float) (sign * fw[j]);
        }
        b[k] = (float) (sign * fw[d]);
    }

    public int[] classes() { return classes.clone(); }

    public int dimension() { return dim; }

    /** Weights {@code [classes, dimension]}, row-major (a copy). */
    public float[] weights() { return weights.clone(); }

    public float[] bias() { return bias.clone(); }

    /** One score per class, in {@link #classes()} order. */
    public float[] scores(float[] x) {
        if (x.length != dim) {
            throw new IllegalArgumentException("vector has " + x.length + " features, the SVM " + dim);
        }
        float[] s = new float[classes.length];
        for (int k = 0; k < classes.length; k++) {
            s[k] = VectorOps.dot(weights, k * dim, x, 0, dim) + bias[k];
        }
        return s;
    }

    /** The label with the highest score. */
    public int predict(float[] x) {
        float[] s = scores(x);
        int best = 0;
        for (int k = 1; k < s.length; k++) {
            if (s[k] > s[best]) {
                best = k;
            }
        }
        return classes[best];
    }

    public void exportTo(ModelState s, String prefix) {
        s.putArray(prefix + "weights", weights.clone(), classes.length, dim);
        s.putArray(prefix + "bias", bias.clone(), classes.length);
        float[] labels = new float[classes.length];
        for (int k = 0; k < classes.length; k++) {
            labels[k] = classes[k];
        }
        s.putArray(prefix + "labels", labels, classes.length);
    }

    public static LinearSvm importFrom(ModelState s, String prefix) {
        float[] labels = s.array(prefix + "labels").data();
        int[] classes = new int[labels.length];
        for (int k = 0; k < labels.length; k++) {
            classes[k] = Math.round(labels[k]);
        }
        ModelState.Array w = s.array(prefix + "weights");
        if (w.shape().length != 2 || w.shape()[0] != classes.length) {
            throw new IllegalArgumentException("array '" + prefix + "weights' must be [" + classes.length + ", dimension]");
        }
        return new LinearSvm(classes, w.data(), s.array(prefix + "bias", classes.length));
    }
}
