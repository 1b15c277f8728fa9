package org.convkit.features.gist;

/**
 * LMgist's {@code createGabor}: Gabor filters given directly as real transfer functions on the
 * {@code n x n} FFT grid (zero frequency at index 0). Filter l of scale i (0 = finest) and orientation
 * j of {@code or_i}:
 * {@code G = exp(-10 p1 (f / n / p2 - 1)^2 - 2 p3 pi theta^2)}, with {@code p1 = 0.35},
 * {@code p2 = 0.3 / 1.85^i}, {@code p3 = 16 or_i^2 / 32^2}, f the radial frequency in cycles per image
 * and theta the frequency's angle plus {@code pi j / or_i}, wrapped to [-pi, pi].
 * <p>
 * Stored as the Gabor stages use it: float, row-major ({@code [ky][kx]}), multiplied by the inverse
 * FFT's {@code 1 / n^2}; and for each filter the frequency columns where it reaches {@link #NEGLIGIBLE},
 * the only ones whose inverse transforms matter. The other columns are stored as 0, so a stage that
 * transforms a few of them anyway (a whole vector of columns at a time) computes the same response.
 */
final class GaborBank {
    /**
     * Transfer values below this are treated as 0. What they drop from a response is at most
     * {@code 1e-12 * n * rms(image)} (Parseval), below the float rounding of the response itself.
     */
    static final double NEGLIGIBLE = 1e-12;

    final int n;
    /** {@code transfer[l][ky * n + kx] = G_l(ky, kx) / n^2}, 0 in the columns not in {@link #columns}. */
    final float[][] transfer;
    /** For each filter, the columns kx (ascending) with some {@code G_l(., kx) >= NEGLIGIBLE}. */
    final int[][] columns;

    GaborBank(int[] orientationsPerScale, int n) {
        this.n = n;
        int filters = 0;
        for (int o : orientationsPerScale) {
            filters += o;
        }
        transfer = new float[filters][n * n];
        columns = new int[filters][];
        double scale = 1.0 / ((double) n * n);
        int l = 0;
        for (int i = 0; i < orientationsPerScale.length; i++) {
            int or = orientationsPerScale[i];
            double p1 = 0.35;
            double p2 = 0.3 / Math.pow(1.85, i);
            double p3 = 16.0 * or * or / (32.0 * 32.0);
            for (int j = 0; j < or; j++, l++) {
                double rotation = Math.PI / or * j;
                float[] g = transfer[l];
                int[] used = new int[n];
                int count = 0;
                for (int kx = 0; kx < n; kx++) {
                    double fx = frequency(kx, n);
                    boolean significant = false;
                    for (int ky = 0; ky < n; ky++) {
                        double fy = frequency(ky, n);
                        double fr = Math.sqrt(fx * fx + fy * fy);
                        double tr = Math.atan2(fy, fx) + rotation;
                        if (tr < -Math.PI) {
                            tr += 2 * Math.PI;
                        } else if (tr > Math.PI) {
                            tr -= 2 * Math.PI;
                        }
                        double radial = fr / n / p2 - 1;
                        double v = Math.exp(-10 * p1 * radial * radial - 2 * p3 * Math.PI * tr * tr);
                        significant |= v >= NEGLIGIBLE;
                        g[ky * n + kx] = (float) (v * scale);
                    }
                    if (significant) {
                        used[count++] = kx;
                    } else {
                        for (int ky = 0; ky < n; ky++) {
                            g[ky * n + kx] = 0;
                        }
                    }
                }
                columns[l] = java.util.Arrays.copyOf(used, count);
            }
        }
    }

    int filterCount() { return transfer.length; }

    /** The signed frequency (cycles per image) of FFT index k on an even grid of n. */
    static double frequency(int k, int n) { return k < n / 2 ? k : k - n; }
}
