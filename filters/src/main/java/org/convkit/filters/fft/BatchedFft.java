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
 * with {@code +i}, both unnormalised, in place; a second {@link #inverse} reads a weighted input and
 * writes another batch. Mixed-radix Stockham stages ({@link FftPlan}) of radix 2, 3, 4, 5 and 8 (other
 * prime factors by a direct DFT): the first stage reads the batch, the middle ones run in the plan's
 * contiguous scratch, the last writes the result. {@link VectorStages} is the kernel,
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
    private float[] ones = new float[0];
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
        run(re, im, offset, stride, null, 0, 0, re, im, offset, stride, width, false);
    }

    /**
     * The inverse transform (sign +1, no {@code 1/n}): the forward one with the real and imaginary parts
     * swapped on the way in and out.
     */
    public void inverse(float[] re, float[] im, int offset, int stride, int width) {
        run(im, re, offset, stride, null, 0, 0, im, re, offset, stride, width, false);
    }

    /**
     * The inverse transform of {@code (inRe + i inIm) * weight}, written to the output batch (which may be
     * the input batch; otherwise the input is left as it is). The weights are real, element j of transform
     * b at {@code weightOffset + j * weightStride + b}, or null for none. For a filter given as a transfer
     * function: the first stage forms the product as it reads its inputs, at no extra pass.
     */
    public void inverse(float[] inRe, float[] inIm, int inOffset, int inStride,
                        float[] weight, int weightOffset, int weightStride,
                        float[] outRe, float[] outIm, int outOffset, int outStride, int width) {
        run(inIm, inRe, inOffset, inStride, weight, weightOffset, weightStride, outIm, outRe, outOffset, outStride, width,
                false);
    }

    /** {@link #forward} through the scalar specification only. */
    void forwardScalar(float[] re, float[] im, int offset, int stride, int width) {
        run(re, im, offset, stride, null, 0, 0, re, im, offset, stride, width, true);
    }

    /** The weighted {@link #inverse(float[], float[], int, int, float[], int, int, float[], float[], int, int, int)}, scalar only. */
    void inverseScalar(float[] inRe, float[] inIm, int inOffset, int inStride,
                       float[] weight, int weightOffset, int weightStride,
                       float[] outRe, float[] outIm, int outOffset, int outStride, int width) {
        run(inIm, inRe, inOffset, inStride, weight, weightOffset, weightStride, outIm, outRe, outOffset, outStride, width,
                true);
    }

    private void run(float[] ir, float[] ii, int io, int is, float[] weight, int wo0, int ws0,
                     float[] or, float[] oi, int oo, int os, int width, boolean scalar) {
        int n = plan.n;
        check(ir, ii, io, is, width);
        check(or, oi, oo, os, width);
        if (weight != null) {
            check(weight, weight, wo0, ws0, width);
        }
        if (width == 0) {
            return;
        }
        if (aRe.length < n * width) {
            aRe = new float[n * width];
            aIm = new float[n * width];
            bRe = new float[n * width];
            bIm = new float[n * width];
        }
        if (ones.length < width) {
            ones = new float[width];
            java.util.Arrays.fill(ones, 1f);
        }
        float[] wt = weight;
        int wo = wo0;
        int ws = ws0;
        int stages = plan.radices.length;
        if (stages <= 1) {
            // one stage cannot write over its own input: through scratch a, then to the output
            if (stages == 1) {
                stage(0, ir, ii, io, is, wt, wo, ws, aRe, aIm, 0, width, width, scalar);
            } else { // n = 1: the transform is the weighted copy
                for (int l = 0; l < width; l++) {
                    float g = wt == null ? 1f : wt[wo + l];
                    aRe[l] = ir[io + l] * g;
                    aIm[l] = ii[io + l] * g;
                }
            }
            for (int j = 0; j < n; j++) {
                System.arraycopy(aRe, j * width, or, oo + j * os, width);
                System.arraycopy(aIm, j * width, oi, oo + j * os, width);
            }
            return;
        }
        // Stockham stages cannot work in place: input -> a -> b -> a ... -> output; the input is read
        // whole by the first stage, so the output may be the input.
        float[] sr = ir;
        float[] si = ii;
        int so = io;
        int ss = is;
        for (int s = 0; s < stages; s++) {
            boolean last = s == stages - 1;
            float[] dr = last ? or : s % 2 == 0 ? aRe : bRe;
            float[] di = last ? oi : s % 2 == 0 ? aIm : bIm;
            int dof = last ? oo : 0;
            int ds = last ? os : width;
            stage(s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width, scalar);
            sr = dr;
            si = di;
            so = dof;
            ss = ds;
            wt = null;
            wo = 0;
            ws = 0;
        }
    }

    private void stage(int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                       float[] dr, float[] di, int dof, int ds, int width, boolean scalar) {
        if (wt == null && FftPlan.isGeneric(plan.radices[s])) { // the generic radix reads weights in every stage
            wt = ones;
            wo = 0;
            ws = 0;
        }
        if (scalar) {
            ScalarStages.stage(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, 0, width, tmpRe, tmpIm);
        } else {
            VectorStages.stage(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width, tmpRe, tmpIm);
        }
    }

    private void check(float[] re, float[] im, int offset, int stride, int width) {
        int n = plan.n;
        if (width < 0 || stride < width || offset < 0
                || (width > 0 && (long) offset + (long) (n - 1) * stride + width > Math.min(re.length, im.length))) {
            throw new IndexOutOfBoundsException("batch of " + width + " transforms of length " + n + " at offset "
                    + offset + ", stride " + stride + " does not fit arrays of " + re.length + " and " + im.length);
        }
    }
}
