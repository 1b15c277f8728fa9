package org.convkit.features.gist;

/**
 * LMgist's {@code createGabor}: Gabor filters given directly as real transfer functions on the
 * {@code n x n} FFT grid (zero frequency at index 0). Filter l of scale i (0 = finest) and orientation
 * j of {@code or_i}:
 * {@code G = exp(-10 p1 (f / n / p2 - 1)^2 - 2 p3 pi theta^2)}, with {@code p1 = 0.35},
 * {@code p2 = 0.3 / 1.85^i}, {@code p3 = 16 or_i^2 / 32^2}, f the radial frequency in cycles per image
 * and theta the frequency's angle plus {@code pi j / or_i}, wrapped to [-pi, pi].
 */
final class GaborBank {
    final int n;
    final double[][] transfer;

    GaborBank(int[] orientationsPerScale, int n) {
        this.n = n;
        int filters = 0;
        for (int o : orientationsPerScale) {
            filters += o;
        }
        transfer = new double[filters][n * n];
        int l = 0;
        for (int i = 0; i < orientationsPerScale.length; i++) {
            int or = orientationsPerScale[i];
            double p1 = 0.35;
            double p2 = 0.3 / Math.pow(1.85, i);
            double p3 = 16.0 * or * or / (32.0 * 32.0);
            for (int j = 0; j < or; j++, l++) {
                double rotation = Math.PI / or * j;
                double[] g = transfer[l];
                for (int ky = 0; ky < n; ky++) {
                    double fy = frequency(ky, n);
                    for (int kx = 0; kx < n; kx++) {
                        double fx = frequency(kx, n);
                        double fr = Math.sqrt(fx * fx + fy * fy);
                        double tr = Math.atan2(fy, fx) + rotation;
                        if (tr < -Math.PI) {
                            tr += 2 * Math.PI;
                        } else if (tr > Math.PI) {
                            tr -= 2 * Math.PI;
                        }
                        double radial = fr / n / p2 - 1;
                        g[ky * n + kx] = Math.exp(-10 * p1 * radial * radial - 2 * p3 * Math.PI * tr * tr);
                    }
                }
            }
        }
    }

    /** The signed frequency (cycles per image) of FFT index k on an even grid of n. */
    static double frequency(int k, int n) { return k < n / 2 ? k : k - n; }
}
