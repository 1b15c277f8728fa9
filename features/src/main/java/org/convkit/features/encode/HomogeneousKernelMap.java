package org.convkit.features.encode;

import java.util.Locale;
import org.convkit.features.state.ModelState;

/**
 * Vedaldi &amp; Zisserman's explicit feature map for additive homogeneous kernels (PAMI 2012; VLFeat's
 * {@code vl_homkermap}): a kernel {@code k(x, y) = sqrt(xy) K(log y - log x)} with spectrum
 * {@code kappa(w)} is approximated per input value by sampling the spectrum at {@code w = jL},
 * {@code j = 0..n}:
 * <pre>
 * psi_0(x)    = sqrt(x L kappa(0))
 * psi_2j-1(x) = sqrt(2 x L kappa(jL)) cos(jL log x)
 * psi_2j(x)   = sqrt(2 x L kappa(jL)) sin(jL log x)
 * </pre>
 * so that {@code <psi(x), psi(y)> ~ k(x, y)}; each input value becomes {@code 2n + 1} consecutive outputs
 * (order 1 triples the dimension), zero maps to zeros and negative values to {@code sign(x) psi(|x|)}, as
 * VLFeat does. Spectra: chi2 {@code 2xy/(x+y)}: {@code sech(pi w)}; intersection {@code min(x, y)}:
 * {@code 2/(pi (1 + 4 w^2))}; Hellinger {@code sqrt(xy)}: a spike at 0, so the map is {@code sqrt(x)}
 * and the other outputs are zero. The sampling step is {@code L = 2 pi / period}; the default period
 * is VLFeat's rule ({@code 5.86 sqrt(n) + 3.65} for chi2, {@code 2.38 log(n + 0.8) + 12.4} for
 * intersection). This is the uniform-window construction of the paper (section 4).
 */
public final class HomogeneousKernelMap {

    public enum Kernel {
        CHI2, INTERSECTION, HELLINGER;

        /** The exact per-component kernel, for checks. */
        public double exact(double x, double y) {
            if (x <= 0 || y <= 0) {
                return 0;
            }
            return switch (this) {
                case CHI2 -> 2 * x * y / (x + y);
                case INTERSECTION -> Math.min(x, y);
                case HELLINGER -> Math.sqrt(x * y);
            };
        }

        double spectrum(double w) {
            return switch (this) {
                case CHI2 -> 1 / Math.cosh(Math.PI * w);
                case INTERSECTION -> 2 / (Math.PI * (1 + 4 * w * w));
                case HELLINGER -> w == 0 ? 1 : 0;
            };
        }

        public static Kernel parse(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    private final Kernel kernel;
    private final int order;
    private final double period;
    private final double step;
    private final double[] coefficient; // sqrt(L kappa(0)), sqrt(2 L kappa(jL))

    public HomogeneousKernelMap(Kernel kernel, int order, double period) {
        if (order < 0) {
            throw new IllegalArgumentException("kernel map order must be non-negative, got " + order);
        }
        if (!(period > 0)) {
            throw new IllegalArgumentException("kernel map period must be positive, got " + period);
        }
        this.kernel = kernel;
        this.order = order;
        this.period = period;
        this.step = 2 * Math.PI / period;
        coefficient = new double[order + 1];
        if (kernel == Kernel.HELLINGER) {
            coefficient[0] = 1; // the spike's whole mass at w = 0
        } else {
            coefficient[0] = Math.sqrt(step * kernel.spectrum(0));
            for (int j = 1; j <= order; j++) {
                coefficient[j] = Math.sqrt(2 * step * kernel.spectrum(j * step));
            }
        }
    }

    /** Order {@code n} with VLFeat's default period for the kernel. */
    public HomogeneousKernelMap(Kernel kernel, int order) {
        this(kernel, order, defaultPeriod(kernel, order));
    }

    public static double defaultPeriod(Kernel kernel, int order) {
        return switch (kernel) {
            case CHI2 -> 5.86 * Math.sqrt(order) + 3.65;
            case INTERSECTION -> 2.38 * Math.log(order + 0.8) + 5.6 + 6.8;
            case HELLINGER -> 1; // unused: the map is sqrt(x)
        };
    }

    public Kernel kernel() { return kernel; }

    public int order() { return order; }

    public double period() { return period; }

    /** Output values per input value: {@code 2n + 1}. */
    public int expansion() { return Math.toIntExact(expansion(order)); }

    /** Output values per input value of a map of order {@code order}: {@code 2 order + 1}. */
    public static long expansion(int order) { return 2L * order + 1; }

    public int outputDimension(int inputDimension) { return Math.multiplyExact(inputDimension, expansion()); }

    /** The map of every value of {@code x}. */
    public float[] apply(float[] x) {
        int e = expansion();
        float[] out = new float[x.length * e];
        for (int i = 0; i < x.length; i++) {
            map(x[i], out, i * e);
        }
        return out;
    }

    private void map(float value, float[] out, int at) {
        if (value == 0 || Float.isNaN(value)) {
            return;
        }
        double x = Math.abs(value), sign = Math.signum(value);
        double root = Math.sqrt(x);
        out[at] = (float) (sign * coefficient[0] * root);
        if (kernel == Kernel.HELLINGER) {
            return;
        }
        double lx = Math.log(x);
        for (int j = 1; j <= order; j++) {
            double a = sign * coefficient[j] * root, phase = j * step * lx;
            out[at + 2 * j - 1] = (float) (a * Math.cos(phase));
            out[at + 2 * j] = (float) (a * Math.sin(phase));
        }
    }

    public void exportTo(ModelState s, String prefix) {
        s.putString(prefix + "kernel", kernel.label());
        s.putInt(prefix + "order", order);
        s.putDouble(prefix + "period", period);
    }

    public static HomogeneousKernelMap importFrom(ModelState s, String prefix) {
        return new HomogeneousKernelMap(Kernel.parse(s.string(prefix + "kernel")), s.integer(prefix + "order"), s.real(prefix + "period"));
    }
}
