package org.convkit.features.gist;

/**
 * LMgist's whitening low-pass, {@code real(ifft2(fft2(I) .* exp(-(fx^2 + fy^2) / s1^2)))} on an
 * {@code n x n} grid, computed without a 2-D FFT. The transfer function is separable and even, so the
 * filter is the circular convolution {@code C I C} with the symmetric circulant
 * {@code C = (1/n) sum_f g(f) e_f e_f^H}, {@code g(f) = exp(-f^2 / s1^2)}. Written with the real basis
 * {@code 1, cos(2 pi f i / n), sin(2 pi f i / n)}, {@code C = U D U^T}, and {@code C I C} is four small
 * matrix products ({@link DoubleProducts}) through an {@code m x m} frequency block, {@code m = 2F + 1}.
 * <p>
 * Why: LMgist's padded side {@code size + 10} (266 for 256) has large prime factors, where FFT
 * libraries fall back to Bluestein's algorithm; these products cost a fifth of that. Frequencies with
 * {@code g(f) < 1e-20} are left out (F = 32 of 133 for fc = 4): their weight is far below double
 * rounding, so the result equals the FFT's to rounding.
 */
final class GaussianLowpass {
    /** Smallest transfer value kept; the rest is below double precision relative to g(0) = 1. */
    private static final double CUTOFF = 1e-20;

    private final int n;
    private final int m;
    /** The basis, {@code n x m} row-major: {@code u[i * m + b]}. */
    private final double[] u;
    /** Its transpose, {@code m x n}. */
    private final double[] ut;
    /** The diagonal weights (transfer value / n, doubled for the cos/sin pairs). */
    private final double[] d;

    GaussianLowpass(int n, double s1) {
        this.n = n;
        int half = n / 2;
        int f = 0;
        while (f < half && transfer(f + 1, s1) >= CUTOFF) {
            f++;
        }
        boolean nyquist = n % 2 == 0 && f == half;
        int pairs = Math.min(f, (n - 1) / 2);
        this.m = 1 + 2 * pairs + (nyquist ? 1 : 0);
        u = new double[n * m];
        d = new double[m];
        d[0] = 1.0 / n;
        for (int i = 0; i < n; i++) {
            u[i * m] = 1;
        }
        for (int k = 1; k <= pairs; k++) {
            double w = 2 * transfer(k, s1) / n;
            d[2 * k - 1] = w;
            d[2 * k] = w;
            for (int i = 0; i < n; i++) {
                double a = 2 * Math.PI * ((long) k * i % n) / n;
                u[i * m + 2 * k - 1] = Math.cos(a);
                u[i * m + 2 * k] = Math.sin(a);
            }
        }
        if (nyquist) {
            d[m - 1] = transfer(half, s1) / n;
            for (int i = 0; i < n; i++) {
                u[i * m + m - 1] = i % 2 == 0 ? 1 : -1;
            }
        }
        ut = new double[m * n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < m; b++) {
                ut[b * n + i] = u[i * m + b];
            }
        }
    }

    private static double transfer(int f, double s1) { return Math.exp(-(double) f * f / (s1 * s1)); }

    /**
     * The low-pass of the {@code n x n} image {@code img}, written to rows {@code [r0, r1)} and columns
     * {@code [c0, c1)} of {@code out} (an {@code n x n} array; other entries are left alone).
     */
    void apply(double[] img, double[] out, int r0, int r1, int c0, int c1) {
        double[] p = new double[n * m]; // I U
        DoubleProducts.multiply(img, 0, n, u, 0, m, p, 0, m, n, m, n);
        double[] q = new double[m * m]; // U^T I U, then D U^T I U D
        DoubleProducts.multiply(ut, 0, n, p, 0, m, q, 0, m, m, m, n);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                q[a * m + b] *= d[a] * d[b];
            }
        }
        double[] r = new double[(r1 - r0) * m]; // rows r0..r1 of U Q
        DoubleProducts.multiply(u, r0 * m, m, q, 0, m, r, 0, m, r1 - r0, m, m);
        DoubleProducts.multiply(r, 0, m, ut, c0, n, out, r0 * n + c0, n, r1 - r0, c1 - c0, m); // (U Q) U^T
    }
}
