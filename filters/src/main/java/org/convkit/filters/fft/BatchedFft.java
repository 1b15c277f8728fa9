package org.convkit.filters.fft;

/**
 * Complex discrete Fourier transforms of one length {@code n}, many at a time, in float, vectorised
 * across the transforms (a vector holds the same element of neighbouring transforms).
 * <p>
 * Layout: a batch of {@code width} transforms, real and imaginary parts in separate arrays; element
 * {@code j} of transform {@code b} at {@code offset + j * stride + b}. In a row-major 2-D array of row
 * length {@code stride} this is a strip of {@code width} columns transformed down the columns; rows
 * of a 2-D array are transformed by transposing first.
 * <p>
 * {@link #forward} computes {@code X_k = sum_j x_j exp(-2 pi i j k / n)} and {@link #inverse} the same
 * with {@code +i}, both unnormalised, in place. Mixed-radix Stockham stages ({@link FftPlan}) of radix
 * 4, 2, 3 and 5 (other prime factors by a direct DFT); {@link VectorStages} the kernel,
 * {@link ScalarStages} its specification (bit for bit).
 * <p>
 * A plan holds its scratch buffers: use one per thread.
 */
public final class BatchedFft {
    private final FftPlan plan;
    private float[] aRe = new float[0];
    private float[] aIm = new float[0];
    private float[] bRe = new float[0];
    private float[] bIm = new float[0];
    private final float[] tmpRe;
    private final float[] tmpIm;

    public BatchedFft(int n) {
        plan = new FftPlan(n);
        tmpRe = new float[plan.largestGeneric * VectorStages.S.length()];
        tmpIm = new float[tmpRe.length];
    }

    public int length() { return plan.n; }

    /** The number of lanes of the vectors in use (so that callers can size their strips). */
    public static int vectorLanes() { return VectorStages.S.length(); }

    /** The forward transform (sign -1) of {@code width} transforms laid out as in the class comment. */
    public void forward(float[] re, float[] im, int offset, int stride, int width) {
        run(re, im, offset, stride, width, false);
    }

    /**
     * The inverse transform (sign +1, no {@code 1/n}): the forward one with the real and imaginary parts
     * swapped on the way in and out.
     */
    public void inverse(float[] re, float[] im, int offset, int stride, int width) {
        run(im, re, offset, stride, width, false);
    }

    /** {@link #forward} through the scalar specification only. */
    void forwardScalar(float[] re, float[] im, int offset, int stride, int width) {
        run(re, im, offset, stride, width, true);
    }

    private void run(float[] re, float[] im, int offset, int stride, int width, boolean scalar) {
        int n = plan.n;
        if (width < 0 || stride < width || offset < 0
                || (width > 0 && (long) offset + (long) (n - 1) * stride + width > Math.min(re.length, im.length))) {
            throw new IndexOutOfBoundsException("batch of " + width + " transforms of length " + n + " at offset "
                    + offset + ", stride " + stride + " does not fit arrays of " + re.length + " and " + im.length);
        }
        int stages = plan.radices.length;
        if (width == 0 || stages == 0) {
            return;
        }
        if (aRe.length < n * width) {
            aRe = new float[n * width];
            aIm = new float[n * width];
            bRe = new float[n * width];
            bIm = new float[n * width];
        }
        // Stockham stages cannot work in place: user -> a -> b -> a ... -> user
        float[] sr = re;
        float[] si = im;
        int so = offset;
        int ss = stride;
        for (int s = 0; s < stages; s++) {
            boolean last = s == stages - 1 && stages > 1;
            float[] dr = last ? re : s % 2 == 0 ? aRe : bRe;
            float[] di = last ? im : s % 2 == 0 ? aIm : bIm;
            int dof = last ? offset : 0;
            int ds = last ? stride : width;
            if (scalar) {
                ScalarStages.stage(plan, s, sr, si, so, ss, dr, di, dof, ds, 0, width, tmpRe, tmpIm);
            } else {
                VectorStages.stage(plan, s, sr, si, so, ss, dr, di, dof, ds, width, tmpRe, tmpIm);
            }
            sr = dr;
            si = di;
            so = dof;
            ss = ds;
        }
        if (stages == 1) {
            for (int j = 0; j < n; j++) {
                System.arraycopy(aRe, j * width, re, offset + j * stride, width);
                System.arraycopy(aIm, j * width, im, offset + j * stride, width);
            }
        }
    }
}
