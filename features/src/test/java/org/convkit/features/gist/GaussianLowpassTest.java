package org.convkit.features.gist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convkit.features.encode.VectorOps;
import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matrix form of LMgist's whitening low-pass against the FFT form it replaces. */
class GaussianLowpassTest {

    @ParameterizedTest(name = "n={0} fc={1}")
    @CsvSource({"266, 4", "42, 4", "74, 2", "138, 4", "20, 1", "12, 8"})
    void equalsTheFftLowpassToRounding(int n, double fc) {
        double s1 = fc / Math.sqrt(Math.log(2));
        Random random = new Random(n);
        double[] img = new double[n * n];
        for (int i = 0; i < img.length; i++) {
            img[i] = Math.log1p(255 * random.nextDouble());
        }
        double[] expected = fftLowpass(img, n, s1);
        double[] actual = new double[n * n];
        new GaussianLowpass(n, s1).apply(img, actual, 0, n, 0, n);
        double worst = 0;
        for (int i = 0; i < img.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertTrue(worst < 1e-12, "largest difference " + worst);

        double[] window = new double[n * n];
        new GaussianLowpass(n, s1).apply(img, window, 1, n - 2, 3, n - 1);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean inside = y >= 1 && y < n - 2 && x >= 3 && x < n - 1;
                assertEquals(inside ? actual[y * n + x] : 0, window[y * n + x], 1e-13, "(" + y + ", " + x + ")");
            }
        }
    }

    /** {@code real(ifft2(fft2(img) .* exp(-(fx^2 + fy^2) / s1^2)))}, as LMgist writes it. */
    private static double[] fftLowpass(double[] img, int n, double s1) {
        double[] a = new double[2 * n * n];
        for (int i = 0; i < n * n; i++) {
            a[2 * i] = img[i];
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(n, n);
        fft.complexForward(a);
        for (int ky = 0; ky < n; ky++) {
            double fy = GaborBank.frequency(ky, n);
            for (int kx = 0; kx < n; kx++) {
                double fx = GaborBank.frequency(kx, n);
                double g = Math.exp(-(fx * fx + fy * fy) / (s1 * s1));
                a[2 * (ky * n + kx)] *= g;
                a[2 * (ky * n + kx) + 1] *= g;
            }
        }
        fft.complexInverse(a, true);
        double[] out = new double[n * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[2 * i];
        }
        return out;
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({"0", "1", "7", "8", "65", "266"})
    void vectorAxpyMatchesTheScalarSpecification(int n) {
        Random random = new Random(n);
        double[] x = random.doubles(n + 3).toArray();
        double[] y = random.doubles(n + 5).toArray();
        double[] z = y.clone();
        VectorOps.axpy(0.37, x, 3, y, 5, n);
        VectorOps.axpyScalar(0.37, x, 3, z, 5, n);
        for (int i = 0; i < y.length; i++) {
            assertEquals(z[i], y[i], 1e-15 * (1 + Math.abs(z[i])), "index " + i);
        }
    }

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @CsvSource({"1, 1, 1", "4, 8, 3", "5, 9, 7", "13, 65, 266", "65, 65, 266", "7, 3, 0", "9, 17, 5"})
    void vectorProductsEqualTheScalarSpecificationBitForBit(int m, int n, int depth) {
        Random random = new Random(31L * m + n);
        int lda = depth + 2;
        int ldb = n + 3;
        int ldc = n + 1;
        double[] a = random.doubles(1 + m * lda).toArray();
        double[] b = random.doubles(2 + Math.max(1, depth) * ldb).toArray();
        double[] expected = random.doubles(3 + m * ldc).toArray();
        double[] actual = expected.clone();
        DoubleProducts.multiplyScalar(a, 1, lda, b, 2, ldb, expected, 3, ldc, 0, m, 0, n, depth);
        DoubleProducts.multiply(a, 1, lda, b, 2, ldb, actual, 3, ldc, m, n, depth);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
        double exact = 0;
        for (int k = 0; k < depth; k++) {
            exact += a[1 + (m - 1) * lda + k] * b[2 + k * ldb + n - 1];
        }
        assertEquals(exact, expected[3 + (m - 1) * ldc + n - 1], 1e-12 * (1 + Math.abs(exact)));
    }
}
