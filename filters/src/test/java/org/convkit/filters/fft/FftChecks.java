package org.convkit.filters.fft;

import java.util.Random;

/**
 * Checks shared by {@link BatchedFftTest} and {@link FftWidthCheck}: random batches, the double-precision
 * DFT they are measured against, and the bit-for-bit comparison of the vector kernel with its scalar
 * specification. Each check returns null when it holds, else what went wrong.
 */
final class FftChecks {
    private FftChecks() {}

    /** Random normal values in every float of arrays that hold the batch, with room around it. */
    static float[][] randomBatch(int n, int width, int stride, int offset, long seed) {
        Random random = new Random(seed);
        int size = offset + n * stride + 7;
        float[] re = new float[size];
        float[] im = new float[size];
        for (int i = 0; i < size; i++) {
            re[i] = (float) random.nextGaussian();
            im[i] = (float) random.nextGaussian();
        }
        return new float[][] {re, im};
    }

    /** Transform {@code b} of the batch as double, or its DFT with the given sign. */
    static double[][] dft(float[] re, float[] im, int n, int offset, int stride, int b, int sign) {
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = sign * 2 * Math.PI * ((long) j * k % n) / n;
                double xr = re[offset + j * stride + b];
                double xi = im[offset + j * stride + b];
                sr += xr * Math.cos(a) - xi * Math.sin(a);
                si += xr * Math.sin(a) + xi * Math.cos(a);
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }

    /** The vector path and the scalar specification on the same batch: equal bit for bit, rest untouched. */
    static String vectorEqualsScalar(int n, int width, int stride, int offset, long seed) {
        float[][] a = randomBatch(n, width, stride, offset, seed);
        float[][] b = {a[0].clone(), a[1].clone()};
        float[][] original = {a[0].clone(), a[1].clone()};
        BatchedFft fft = new BatchedFft(n);
        fft.forward(a[0], a[1], offset, stride, width);
        fft.forwardScalar(b[0], b[1], offset, stride, width);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < a[c].length; i++) {
                if (Float.floatToRawIntBits(a[c][i]) != Float.floatToRawIntBits(b[c][i])) {
                    return "n=" + n + " width=" + width + ": vector " + a[c][i] + " != scalar " + b[c][i] + " at " + i;
                }
                int row = (i - offset) / stride;
                int lane = (i - offset) - row * stride;
                boolean inside = i >= offset && row < n && lane < width;
                if (!inside && a[c][i] != original[c][i]) {
                    return "n=" + n + " width=" + width + ": index " + i + " outside the batch was written";
                }
            }
        }
        return null;
    }

    /**
     * The weighted out-of-place inverse: vector equals scalar bit for bit, equals the in-place inverse of
     * the product formed beforehand, leaves its input alone and writes only the output batch.
     */
    static String weightedInverseIsTheInverseOfTheProduct(int n, int width, int stride, int offset, long seed) {
        float[][] x = randomBatch(n, width, stride, offset, seed);
        float[][] weights = randomBatch(n, width, stride, offset, seed + 1);
        float[] w = weights[0];
        float[][] input = {x[0].clone(), x[1].clone()};
        float[][] product = {x[0].clone(), x[1].clone()};
        for (int j = 0; j < n; j++) {
            for (int b = 0; b < width; b++) {
                int i = offset + j * stride + b;
                product[0][i] *= w[i];
                product[1][i] *= w[i];
            }
        }
        BatchedFft fft = new BatchedFft(n);
        fft.inverse(product[0], product[1], offset, stride, width);
        int outOffset = offset + 2;
        float[][] vector = randomBatch(n, width, stride + 1, outOffset, seed + 2);
        float[][] scalar = {vector[0].clone(), vector[1].clone()};
        float[][] untouched = {vector[0].clone(), vector[1].clone()};
        fft.inverse(x[0], x[1], offset, stride, w, offset, stride, vector[0], vector[1], outOffset, stride + 1, width);
        fft.inverseScalar(x[0], x[1], offset, stride, w, offset, stride, scalar[0], scalar[1], outOffset, stride + 1, width);
        for (int c = 0; c < 2; c++) {
            if (!java.util.Arrays.equals(x[c], input[c])) {
                return "n=" + n + ": the input changed";
            }
            if (!java.util.Arrays.equals(vector[c], scalar[c])) {
                return "n=" + n + " width=" + width + ": weighted inverse, vector != scalar";
            }
            for (int i = 0; i < vector[c].length; i++) {
                int row = (i - outOffset) / (stride + 1);
                int lane = (i - outOffset) - row * (stride + 1);
                boolean inside = i >= outOffset && row < n && lane < width;
                float expected = inside ? product[c][offset + row * stride + lane] : untouched[c][i];
                if (Float.floatToRawIntBits(vector[c][i]) != Float.floatToRawIntBits(expected)) {
                    return "n=" + n + " width=" + width + ": weighted inverse differs at " + i;
                }
            }
        }
        return null;
    }

    /**
     * The forward and inverse transforms of a random batch against the double-precision DFT: errors within
     * float rounding, {@code 5e-7 (1 + log2 n)} of the rms of the exact result (measured errors are about a
     * third of that).
     */
    static String matchesDoubleDft(int n, int width, int stride, int offset, long seed) {
        for (int sign : new int[] {-1, 1}) {
            float[][] a = randomBatch(n, width, stride, offset, seed);
            float[][] x = {a[0].clone(), a[1].clone()};
            BatchedFft fft = new BatchedFft(n);
            if (sign < 0) {
                fft.forward(a[0], a[1], offset, stride, width);
            } else {
                fft.inverse(a[0], a[1], offset, stride, width);
            }
            for (int b = 0; b < width; b++) {
                double[][] exact = dft(x[0], x[1], n, offset, stride, b, sign);
                double energy = 0;
                double worst = 0;
                for (int k = 0; k < n; k++) {
                    energy += exact[0][k] * exact[0][k] + exact[1][k] * exact[1][k];
                    int i = offset + k * stride + b;
                    worst = Math.max(worst, Math.hypot(a[0][i] - exact[0][k], a[1][i] - exact[1][k]));
                }
                double rms = Math.sqrt(energy / n);
                double log2 = Math.log(n) / Math.log(2);
                if (worst > 5e-7 * (1 + log2) * rms) {
                    return "n=" + n + " sign=" + sign + " transform " + b + ": error " + worst + " against rms " + rms;
                }
            }
        }
        return null;
    }
}
