package org.convkit.filters.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batched FFT against JTransforms, a double-precision DFT and its own scalar specification. */
class BatchedFftTest {
    /** Lengths of every stage kind: radix 2, 3, 4, 5, 8, generic primes, and GIST's padded sizes. */
    private static final int[] LENGTHS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 25, 27, 32, 40, 48, 49, 60, 64,
        96, 97, 100, 128, 160, 192, 242, 256, 262, 266, 320, 512, 1000};

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 25, 27, 32, 40, 48, 49, 60, 64, 96, 97, 100, 128,
        160, 192, 242, 256, 262, 266, 320, 512, 1000})
    void agreesWithJTransformsToFloatRounding(int n) {
        int width = 11;
        int stride = 14;
        int offset = 2;
        float[][] a = FftChecks.randomBatch(n, width, stride, offset, n);
        float[][] x = {a[0].clone(), a[1].clone()};
        BatchedFft fft = new BatchedFft(n);
        FloatFFT_1D reference = new FloatFFT_1D(n);
        for (boolean inverse : new boolean[] {false, true}) {
            float[][] y = {x[0].clone(), x[1].clone()};
            if (inverse) {
                fft.inverse(y[0], y[1], offset, stride, width);
            } else {
                fft.forward(y[0], y[1], offset, stride, width);
            }
            for (int b = 0; b < width; b++) {
                float[] z = new float[2 * n];
                for (int j = 0; j < n; j++) {
                    z[2 * j] = x[0][offset + j * stride + b];
                    z[2 * j + 1] = x[1][offset + j * stride + b];
                }
                if (inverse) {
                    reference.complexInverse(z, false);
                } else {
                    reference.complexForward(z);
                }
                double energy = 0;
                double worst = 0;
                for (int k = 0; k < n; k++) {
                    energy += (double) z[2 * k] * z[2 * k] + (double) z[2 * k + 1] * z[2 * k + 1];
                    int i = offset + k * stride + b;
                    worst = Math.max(worst, Math.hypot(y[0][i] - z[2 * k], y[1][i] - z[2 * k + 1]));
                }
                double rms = Math.sqrt(energy / n);
                double log2 = Math.log(n) / Math.log(2);
                assertTrue(worst <= 1e-6 * (1 + log2) * rms,
                        "n=" + n + " inverse=" + inverse + " transform " + b + ": " + worst + " against rms " + rms);
            }
        }
    }

    @Test
    void matchesTheDoubleDftWithinFloatRounding() {
        for (int n : LENGTHS) {
            assertNull(FftChecks.matchesDoubleDft(n, 9, 12, 3, 7L * n));
        }
    }

    @Test
    void vectorKernelEqualsScalarSpecificationBitForBit() {
        int lanes = BatchedFft.vectorLanes();
        for (int n : LENGTHS) {
            for (int width : new int[] {1, lanes - 1, lanes, lanes + 1, 3 * lanes + 2}) {
                if (width > 0) {
                    assertNull(FftChecks.vectorEqualsScalar(n, width, width + 3, 5, 31L * n + width));
                }
            }
        }
        assertNull(FftChecks.vectorEqualsScalar(320, 16, 16, 0, 1), "a dense batch, stride = width");
    }

    @Test
    void weightedInverseIsTheInverseOfTheProduct() {
        int lanes = BatchedFft.vectorLanes();
        for (int n : LENGTHS) {
            for (int width : new int[] {1, lanes, 2 * lanes + 3}) {
                assertNull(FftChecks.weightedInverseIsTheInverseOfTheProduct(n, width, width + 3, 4, 13L * n + width));
            }
        }
    }

    @Test
    void inverseUndoesForwardUpToN() {
        int n = 192;
        float[][] a = FftChecks.randomBatch(n, 8, 8, 0, 5);
        float[][] x = {a[0].clone(), a[1].clone()};
        BatchedFft fft = new BatchedFft(n);
        fft.forward(a[0], a[1], 0, 8, 8);
        fft.inverse(a[0], a[1], 0, 8, 8);
        for (int i = 0; i < n * 8; i++) {
            assertEquals(x[0][i], a[0][i] / n, 1e-5);
            assertEquals(x[1][i], a[1][i] / n, 1e-5);
        }
    }

    @Test
    void rejectsABatchThatDoesNotFit() {
        BatchedFft fft = new BatchedFft(8);
        float[] re = new float[64];
        float[] im = new float[64];
        assertThrows(IndexOutOfBoundsException.class, () -> fft.forward(re, im, 1, 8, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> fft.forward(re, im, 0, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> new BatchedFft(0));
        fft.forward(re, im, 0, 8, 8);
        assertArrayEquals(new float[64], re);
    }

    /** The 128-, 256- and 512-bit kernels, each in a JVM whose vector width is fixed as in production. */
    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void everyVectorWidthEqualsTheSpecification(int bits) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-Xlog:disable",
                "-D" + FftSpecies.PROPERTY + "=" + bits, "-cp", System.getProperty("java.class.path"),
                FftWidthCheck.class.getName(), Integer.toString(bits)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the check ended");
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void factorsPutOddPrimesFirstAndEightsLast() {
        assertArrayEquals(new int[] {5, 8, 8}, FftPlan.factor(320));
        assertArrayEquals(new int[] {3, 8, 8}, FftPlan.factor(192));
        assertArrayEquals(new int[] {7, 19, 2}, FftPlan.factor(266));
        assertArrayEquals(new int[] {3, 3, 3, 8}, FftPlan.factor(216));
        assertArrayEquals(new int[] {4, 8, 8}, FftPlan.factor(256));
        assertArrayEquals(new int[] {2, 8}, FftPlan.factor(16));
        assertArrayEquals(new int[] {97}, FftPlan.factor(97));
        assertArrayEquals(new int[] {}, FftPlan.factor(1));
    }
}
