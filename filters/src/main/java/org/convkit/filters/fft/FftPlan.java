package org.convkit.filters.fft;

import java.util.ArrayList;
import java.util.List;

/**
 * How a length {@code n} is split into Stockham stages, and the constants of each stage.
 * <p>
 * Stage {@code s} has radix {@code R = radices[s]} and span {@code Ns = spans[s]} (the product of the
 * radices before it). It reads its input rows {@code j + r n / R} and writes its output rows
 * {@code (j / Ns) Ns R + j % Ns + r Ns}, for each {@code j < n / R} and {@code r < R}, after
 * multiplying input r by the twiddle {@code w^(r (j % Ns))}, {@code w = exp(-2 pi i / (Ns R))}, and taking
 * the radix-R DFT (Govindaraju et al., "High performance discrete Fourier transforms on graphics
 * processors", SC 2008). The output is in natural order, so no reordering pass is needed.
 * <p>
 * Radices: the odd primes first, ascending (3, 5, then any other prime as a direct {@code O(p)}-per-point
 * DFT: correct for every length, fast only for lengths made of 2, 3 and 5), then a 2 or a 4 for what the
 * power of two leaves over, then 8s (fewer passes over the data than 4s). The first stage needs no
 * twiddles ({@code Ns = 1}), so the costliest butterflies go there.
 */
final class FftPlan {
    final int n;
    final int[] radices;
    final int[] spans;
    /**
     * Per stage, the twiddles {@code w^(r k)} for {@code k < Ns}, {@code 1 <= r < R}, at index
     * {@code k (R - 1) + r - 1}: real parts in {@code twRe}, imaginary parts in {@code twIm}.
     */
    final float[][] twRe;
    final float[][] twIm;
    /** {@code -twIm}, so that the kernels need no negation. */
    final float[][] twNegIm;
    /** Per stage with a generic prime radix p: {@code cos(2 pi j / p)} and {@code sin(2 pi j / p)}, j < p. */
    final float[][] rootCos;
    final float[][] rootSin;
    /** The largest generic prime radix (0 if none): its stages need {@code p} rows of scratch. */
    final int largestGeneric;

    FftPlan(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be positive, got " + n);
        }
        this.n = n;
        this.radices = factor(n);
        int stages = radices.length;
        spans = new int[stages];
        twRe = new float[stages][];
        twIm = new float[stages][];
        twNegIm = new float[stages][];
        rootCos = new float[stages][];
        rootSin = new float[stages][];
        int span = 1;
        int generic = 0;
        for (int s = 0; s < stages; s++) {
            int r = radices[s];
            spans[s] = span;
            twRe[s] = new float[span * (r - 1)];
            twIm[s] = new float[span * (r - 1)];
            twNegIm[s] = new float[span * (r - 1)];
            long period = (long) span * r;
            for (int k = 0; k < span; k++) {
                for (int q = 1; q < r; q++) {
                    // reduce the angle's numerator exactly before converting it, for accuracy on long lengths
                    double a = -2 * Math.PI * ((long) q * k % period) / period;
                    twRe[s][k * (r - 1) + q - 1] = (float) Math.cos(a);
                    twIm[s][k * (r - 1) + q - 1] = (float) Math.sin(a);
                    twNegIm[s][k * (r - 1) + q - 1] = -(float) Math.sin(a);
                }
            }
            if (isGeneric(r)) {
                rootCos[s] = new float[r];
                rootSin[s] = new float[r];
                for (int j = 0; j < r; j++) {
                    rootCos[s][j] = (float) Math.cos(2 * Math.PI * j / r);
                    rootSin[s][j] = (float) Math.sin(2 * Math.PI * j / r);
                }
                generic = Math.max(generic, r);
            }
            span *= r;
        }
        largestGeneric = generic;
    }

    /** Whether stages of this radix use the direct DFT (any prime other than 2, 3 and 5). */
    static boolean isGeneric(int radix) {
        return radix != 2 && radix != 3 && radix != 4 && radix != 5 && radix != 8;
    }

    /** The stage radices of {@code n}: odd primes ascending, then a 2 or a 4 if needed, then 8s. */
    static int[] factor(int n) {
        List<Integer> f = new ArrayList<>();
        int m = n;
        int twos = 0;
        while (m % 2 == 0) {
            twos++;
            m /= 2;
        }
        for (int p = 3; (long) p * p <= m; p += 2) {
            while (m % p == 0) {
                f.add(p);
                m /= p;
            }
        }
        if (m > 1) {
            f.add(m);
        }
        if (twos % 3 == 1) {
            f.add(2);
        } else if (twos % 3 == 2) {
            f.add(4);
        }
        for (int k = 0; k < twos / 3; k++) {
            f.add(8);
        }
        return f.stream().mapToInt(Integer::intValue).toArray();
    }
}
