package org.convkit.cnn.layers;

import java.util.List;
import java.util.random.RandomGenerator;
import org.convkit.cnn.kernels.Im2col;
import org.convkit.filters.gemm.Gemm;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.filters.parallel.Parallel;

/**
 * 2-D convolution (cross-correlation, as {@code torch.nn.Conv2d}) with stride, zero padding, dilation
 * and groups, on the GEMM. The batch is split into one contiguous chunk per thread (own buffers, own
 * partial weight gradient, summed in chunk order afterwards). Three products per layer:
 * <ul>
 * <li>forward {@code Y = W * cols(x)};</li>
 * <li>weight gradient {@code dW += dY * cols(x)^T};</li>
 * <li>input gradient: for stride 1 while the output is not much smaller than the input, a convolution
 * of dy with the flipped kernels (no col2im); otherwise {@code dcols = W^T * dY} folded by col2im.</li>
 * </ul>
 * With stride 1 and a wide enough image (at least {@value #IMPLICIT_MIN_COLUMNS_FORWARD} output columns per
 * sample for the forward pass, {@value #IMPLICIT_MIN_COLUMNS} for the backward ones, computed at the padded
 * width) the column matrix is never built: the GEMM reads its rows as
 * shifted views of the padded image through a row table ("implicit GEMM"). Otherwise a few samples'
 * column matrices are laid side by side (im2col) so that each GEMM is wide enough.
 */
public final class Conv2d implements Layer, FusesRelu {
    public final int in, out, kh, kw, sh, sw, ph, pw, dh, dw, groups;
    public final boolean hasBias;
    private final Param weight;
    private final Param bias;
    private boolean inputGradNeeded = true;
    private boolean reluFused;

    private Tensor x, y, dx;
    private Im2col.Geometry geo;
    private float[][] cols = new float[0][], dcols = new float[0][], outBuf = new float[0][], dxBuf = new float[0][],
            dwPart = new float[0][], dwT = new float[0][], dbPart = new float[0][];
    private float[] flipped = new float[0];
    /** Per group, the weights (forward) and the flipped weights (input gradient) packed once per batch. */
    private Gemm.PackedA[] packedW = new Gemm.PackedA[0], packedFlipped = new Gemm.PackedA[0];
    private float[][] padX = new float[0][], padDy = new float[0][];
    private volatile RowTable table0, table1;

    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, kernel, stride, stride, padding, padding, 1, 1, true);
    }

    public Conv2d(int in, int out, int kh, int kw, int sh, int sw, int ph, int pw, int dilation, int groups,
                  boolean bias) {
        if (in <= 0 || out <= 0 || kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0 || ph < 0 || pw < 0 || dilation <= 0
                || groups <= 0) {
            throw new IllegalArgumentException("conv: sizes must be positive (padding non-negative)");
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv: groups=" + groups + " must divide in=" + in + " and out=" + out);
        }
        this.in = in;
        this.out = out;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        this.dh = dilation;
        this.dw = dilation;
        this.groups = groups;
        this.hasBias = bias;
        this.weight = Param.trainable("weight", out, in / groups, kh, kw);
        this.bias = bias ? Param.trainable("bias", out) : null;
    }

    /**
     * Applies the ReLU that follows in the pass that adds the bias (one pass over the output instead of
     * two). The backward pass is unchanged: it reads only the gradient, never this layer's output.
     */
    @Override
    public void fuseRelu(Activation.ReLU next) {
        reluFused = true;
        next.fuseIntoPrevious(false);
    }

    public Param weight() { return weight; }

    public Param bias() { return bias; }

    @Override
    public int[] outputShape(int[] s) {
        if (s.length != 3 || s[0] != in) {
            throw new IllegalArgumentException(describe() + " needs an input of " + in + " channels x H x W, got "
                    + Tensor.shapeString(s));
        }
        Im2col.Geometry g = geometry(s[1], s[2]);
        if (g.outH() <= 0 || g.outW() <= 0) {
            throw new IllegalArgumentException(describe() + ": input " + Tensor.shapeString(s) + " is smaller than the kernel");
        }
        return new int[] {out, g.outH(), g.outW()};
    }

    private Im2col.Geometry geometry(int h, int w) {
        return new Im2col.Geometry(in, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    }

    @Override
    public List<Param> params() {
        return hasBias ? List.of(weight, bias) : List.of(weight);
    }

    @Override
    public void init(Init scheme, RandomGenerator rng) {
        int fanIn = in / groups * kh * kw;
        int fanOut = out / groups * kh * kw;
        scheme.fill(weight.value(), fanIn, fanOut, rng);
        if (hasBias) {
            scheme.fillBias(bias.value(), fanIn, rng);
        }
    }

    @Override
    public void setInputGradNeeded(boolean needed) { inputGradNeeded = needed; }

    private int chunks(int n) { return Math.max(1, Math.min(Parallel.threads(), n)); }

    /**
     * Samples per GEMM: enough output pixels side by side (up to {@value #TARGET_COLUMNS}) to keep the
     * kernel busy, while the column matrix stays within {@value #COLUMN_BUDGET} floats (about half of L2).
     */
    private static int groupSize(int pixels, int depth, int chunkSamples) {
        int columns = Math.min(TARGET_COLUMNS, COLUMN_BUDGET / depth);
        return Math.max(1, Math.min(chunkSamples, columns / pixels));
    }

    private static final int TARGET_COLUMNS = 4096;
    private static final int COLUMN_BUDGET = 256 * 1024;

    private static float[][] ensure(float[][] bufs, int count, int size) {
        float[][] b = bufs.length >= count ? bufs : java.util.Arrays.copyOf(bufs, count);
        for (int i = 0; i < count; i++) {
            if (b[i] == null || b[i].length < size) {
                b[i] = new float[size];
            }
        }
        return b;
    }

    /** Runs {@code body(chunk, firstSample, sampleCount)} over groups of samples, one chunk per thread. */
    private interface GroupBody {
        void run(int chunk, int first, int count, boolean firstOfChunk);
    }

    private static void forGroups(int n, int parts, int group, GroupBody body) {
        Parallel.forRange(parts, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int end = (int) ((long) n * (c + 1) / parts);
                int start = (int) ((long) n * c / parts);
                for (int s = start; s < end; s += group) {
                    body.run(c, s, Math.min(group, end - s), s == start);
                }
            }
        });
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        int[] os = outputShape(input.sampleShape());
        int n = input.dim(0);
        x = input;
        geo = geometry(input.dim(2), input.dim(3));
        y = Tensor.reuse(y, n, os[0], os[1], os[2]);
        int p = os[1] * os[2];
        int k = in * kh * kw;
        int parts = chunks(n);
        int group = groupSize(p, k, (n + parts - 1) / parts);
        cols = ensure(cols, parts, k * p * group);
        outBuf = ensure(outBuf, parts, out * p * group);
        if (implicit(os[1], input.dim(3) + 2 * pw, IMPLICIT_MIN_COLUMNS_FORWARD)) {
            padX = ensurePadded(padX, parts, in, input.dim(2), input.dim(3), ph, pw);
            outBuf = ensure(outBuf, parts, out * os[1] * (input.dim(3) + 2 * pw));
            packedW = pack(packedW, weight.value().data, out / groups, in / groups * kh * kw);
            forGroups(n, parts, 1, (c, s, count, first) -> implicitConv(padX[c], x.data, x.offset + s * x.sampleSize(), in,
                    x.dim(2), x.dim(3), ph, pw, packedW, out, hasBias ? bias.value().data : null,
                    y.data, s * out * p, outBuf[c], reluFused));
            return y;
        }
        forGroups(n, parts, group, (c, s, count, first) -> forwardGroup(c, s, count, p, k));
        return y;
    }

    /**
     * {@code Y[out, count*P] = W * [cols(s) | cols(s+1) | ...]}, then scattered to NCHW with the bias.
     */
    private void forwardGroup(int chunk, int first, int count, int p, int k) {
        int kg = in / groups * kh * kw;
        int og = out / groups;
        int ld = count * p;
        float[] col = cols[chunk], tmp = outBuf[chunk];
        for (int s = 0; s < count; s++) {
            Im2col.im2col(geo, x.data, x.offset + (first + s) * x.sampleSize(), col, s * p, ld);
        }
        float[] w = weight.value().data;
        // one sample: its [out, P] block of y is the GEMM's output as is; several: through tmp
        float[] dst = count == 1 ? y.data : tmp;
        int dstOff = count == 1 ? first * out * p : 0;
        for (int g = 0; g < groups; g++) {
            Gemm.sgemm(false, false, og, ld, kg, w, g * og * kg, kg, col, g * kg * ld, ld, 0f, dst, dstOff + g * og * ld, ld);
        }
        float[] b = hasBias ? bias.value().data : null;
        if (count == 1) {
            if (b != null || reluFused) {
                for (int o = 0; o < out; o++) {
                    Lanes.affine(y.data, dstOff + o * p, y.data, dstOff + o * p, p, 1f, b == null ? 0f : b[o], reluFused);
                }
            }
            return;
        }
        for (int s = 0; s < count; s++) {
            int yBase = (first + s) * out * p;
            for (int o = 0; o < out; o++) {
                Lanes.affine(tmp, o * ld + s * p, y.data, yBase + o * p, p, 1f, b == null ? 0f : b[o], reluFused);
            }
        }
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = x.dim(0);
        int p = y.dim(2) * y.dim(3);
        int k = in * kh * kw;
        int parts = chunks(n);
        int group = groupSize(p, k, (n + parts - 1) / parts);
        int wSize = weight.value().size();
        dwPart = ensure(dwPart, parts, wSize);
        dbPart = ensure(dbPart, parts, out);
        cols = ensure(cols, parts, k * p * group);
        outBuf = ensure(outBuf, parts, out * p * group);
        if (inputGradNeeded) {
            int hw = x.dim(2) * x.dim(3);
            dcols = ensure(dcols, parts, Math.max(k * p, out * kh * kw * hw) * group);
            if (gradientAsConvolution()) {
                flipWeights();
                int padH = dh * (kh - 1) - ph, padW = dw * (kw - 1) - pw;
                int wp = y.dim(3) + 2 * padW;
                dxBuf = ensure(dxBuf, parts, Math.max(in * hw * group, in * x.dim(2) * wp));
                if (implicit(x.dim(2), wp, IMPLICIT_MIN_COLUMNS)) {
                    padDy = ensurePadded(padDy, parts, out, y.dim(2), y.dim(3), padH, padW);
                    packedFlipped = pack(packedFlipped, flipped, in / groups, out / groups * kh * kw);
                }
            }
            dx = Tensor.reuse(dx, x.shape);
        }
        boolean implicitW = implicit(y.dim(2), x.dim(3) + 2 * pw, IMPLICIT_MIN_COLUMNS);
        if (implicitW) {
            padX = ensurePadded(padX, parts, in, x.dim(2), x.dim(3), ph, pw);
            outBuf = ensure(outBuf, parts, out * y.dim(2) * (x.dim(3) + 2 * pw));
        }
        boolean transposedW = implicitW && transposedWeightGradient();
        if (transposedW) {
            dwT = ensure(dwT, parts, wSize);
        }
        forGroups(n, parts, implicitW ? 1 : group, (c, s, count, first) -> backwardGroup(dy, c, s, count, p, k, first, implicitW));
        if (transposedW) {
            for (int c = 0; c < parts; c++) {
                untranspose(dwT[c], dwPart[c]);
            }
        }
        float[] gw = weight.grad().data;
        System.arraycopy(dwPart[0], 0, gw, 0, wSize);
        for (int c = 1; c < parts; c++) {
            float[] part = dwPart[c];
            for (int i = 0; i < wSize; i++) {
                gw[i] += part[i];
            }
        }
        if (hasBias) {
            float[] gb = bias.grad().data;
            System.arraycopy(dbPart[0], 0, gb, 0, out);
            for (int c = 1; c < parts; c++) {
                for (int o = 0; o < out; o++) {
                    gb[o] += dbPart[c][o];
                }
            }
        }
        return inputGradNeeded ? dx : null;
    }

    /**
     * For samples {@code [first, first+count)}: the columns again, dY gathered as {@code [out, count*P]};
     * {@code dW (+)= dY * cols^T}; {@code dcols = W^T * dY}, folded into dx by col2im.
     */
    private void backwardGroup(Tensor dy, int chunk, int first, int count, int p, int k, boolean firstOfChunk,
                               boolean implicitW) {
        int kg = in / groups * kh * kw;
        int og = out / groups;
        int ld = count * p;
        float[] col = cols[chunk], dbp = dbPart[chunk];
        if (firstOfChunk) {
            java.util.Arrays.fill(dbp, 0, out, 0f);
        }
        // one sample: dy's [out, P] block is used in place; several: gathered side by side
        float[] g = count == 1 ? dy.data : outBuf[chunk];
        int gOff = count == 1 ? dy.offset + first * out * p : 0;
        for (int s = 0; s < count; s++) {
            if (!implicitW) {
                Im2col.im2col(geo, x.data, x.offset + (first + s) * x.sampleSize(), col, s * p, ld);
            }
            int src = dy.offset + (first + s) * out * p;
            for (int o = 0; o < out; o++) {
                if (count > 1) {
                    System.arraycopy(dy.data, src + o * p, g, o * ld + s * p, p);
                }
                if (hasBias) {
                    dbp[o] += (float) Lanes.sum(dy.data, src + o * p, p);
                }
            }
        }
        float[] w = weight.value().data;
        float[] dwp = dwPart[chunk];
        if (implicitW) {
            implicitWeightGradient(dy.data, gOff, first, chunk, firstOfChunk);
        } else {
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(false, true, og, kg, ld, g, gOff + gr * og * ld, ld, col, gr * kg * ld, ld,
                        firstOfChunk ? 0f : 1f, dwp, gr * og * kg, kg);
            }
        }
        if (inputGradNeeded && gradientAsConvolution()) {
            int padH = dh * (kh - 1) - ph, padW = dw * (kw - 1) - pw;
            if (implicit(x.dim(2), y.dim(3) + 2 * padW, IMPLICIT_MIN_COLUMNS)) {
                for (int s = first; s < first + count; s++) {
                    implicitConv(padDy[chunk], dy.data, dy.offset + s * out * p, out, y.dim(2), y.dim(3), padH, padW,
                            packedFlipped, in, null, dx.data, s * x.sampleSize(), dxBuf[chunk], false);
                }
            } else {
                inputGradientAsConvolution(dy, chunk, first, count);
            }
        } else if (inputGradNeeded) {
            float[] dc = dcols[chunk];
            for (int gr = 0; gr < groups; gr++) {
                Gemm.sgemm(true, false, kg, ld, og, w, gr * og * kg, kg, g, gOff + gr * og * ld, ld, 0f, dc, gr * kg * ld, ld);
            }
            for (int s = 0; s < count; s++) {
                int dxOff = (first + s) * x.sampleSize();
                java.util.Arrays.fill(dx.data, dxOff, dxOff + x.sampleSize(), 0f);
                Im2col.col2im(geo, dc, s * p, ld, dx.data, dxOff);
            }
        }
    }

    /**
     * With stride 1 the input gradient is itself a convolution: dy, padded by {@code d(k-1) - p}, with the
     * kernels flipped and in/out swapped. A deep, narrow GEMM like the forward pass, no col2im.
     * Used while the output is not much smaller than the input, so the padding stays small.
     */
    private boolean gradientAsConvolution() {
        // padding dy by d(k-1) - p multiplies zeros too: worth it while the input is at most 2.5 times
        // the output ("same" convolutions, and e.g. LeNet's 5x5 on 14x14), not for small outputs
        if (sh != 1 || sw != 1 || dh * (kh - 1) < ph || dw * (kw - 1) < pw) {
            return false;
        }
        long inPixels = (long) x.dim(2) * x.dim(3), outPixels = (long) y.dim(2) * y.dim(3);
        return 2 * inPixels <= 5 * outPixels;
    }

    /** {@code flipped[gr][ci][co][a][b] = W[gr*og + co][ci][kh-1-a][kw-1-b]}. */
    private void flipWeights() {
        int og = out / groups, ig = in / groups, kk = kh * kw;
        if (flipped.length < weight.value().size()) {
            flipped = new float[weight.value().size()];
        }
        float[] w = weight.value().data;
        for (int gr = 0; gr < groups; gr++) {
            for (int co = 0; co < og; co++) {
                for (int ci = 0; ci < ig; ci++) {
                    int src = ((gr * og + co) * ig + ci) * kk;
                    int dst = gr * ig * og * kk + (ci * og + co) * kk;
                    for (int t = 0; t < kk; t++) {
                        flipped[dst + t] = w[src + kk - 1 - t];
                    }
                }
            }
        }
    }

    private void inputGradientAsConvolution(Tensor dy, int chunk, int first, int count) {
        int h = x.dim(2), w = x.dim(3), hw = h * w, ho = y.dim(2), wo = y.dim(3);
        Im2col.Geometry g = new Im2col.Geometry(out, ho, wo, kh, kw, 1, 1, dh * (kh - 1) - ph, dw * (kw - 1) - pw, dh, dw);
        int og = out / groups, ig = in / groups, kg = og * kh * kw, ld = count * hw;
        float[] col = dcols[chunk], tmp = dxBuf[chunk];
        for (int s = 0; s < count; s++) {
            Im2col.im2col(g, dy.data, dy.offset + (first + s) * out * ho * wo, col, s * hw, ld);
        }
        float[] dst = count == 1 ? dx.data : tmp;
        int dstOff = count == 1 ? first * in * hw : 0;
        for (int gr = 0; gr < groups; gr++) {
            Gemm.sgemm(false, false, ig, ld, kg, flipped, gr * ig * kg, kg, col, gr * kg * ld, ld, 0f, dst, dstOff + gr * ig * ld, ld);
        }
        for (int s = 0; s < count && count > 1; s++) {
            int base = (first + s) * in * hw;
            for (int c = 0; c < in; c++) {
                System.arraycopy(tmp, c * ld + s * hw, dx.data, base + c * hw, hw);
            }
        }
    }

    /**
     * Implicit GEMM (no im2col) for stride 1 when a padded-width output row set is wide enough for the
     * kernel; otherwise several samples' column matrices side by side.
     */
    private boolean implicit(int ho, int paddedWidth, int minColumns) {
        return sh == 1 && sw == 1 && ho * paddedWidth >= minColumns;
    }

    /**
     * The backward passes (one sample per GEMM, plus the copies into the wide layout) need wider images
     * than the forward pass to beat im2col's batched GEMMs: LeNet's second convolution (10 output rows of
     * 14) runs its forward pass implicitly (13.5 -> 10 us per image) but its weight gradient was 50% slower
     * so (TrainBench, one thread).
     */
    private static final int IMPLICIT_MIN_COLUMNS = 192;
    private static final int IMPLICIT_MIN_COLUMNS_FORWARD = 128;

    /** Each group's {@code rows x depth} block of {@code w} packed for the GEMM, in {@code packs}' buffers. */
    private Gemm.PackedA[] pack(Gemm.PackedA[] packs, float[] w, int rows, int depth) {
        Gemm.PackedA[] p = packs.length == groups ? packs : new Gemm.PackedA[groups];
        for (int g = 0; g < groups; g++) {
            p[g] = Gemm.packA(p[g], rows, depth, w, g * rows * depth, depth);
        }
        return p;
    }

    /** Zeroed per-chunk buffers for a padded image plus the slack the last rows read past its end. */
    private float[][] ensurePadded(float[][] bufs, int parts, int c, int h, int w, int padH, int padW) {
        int size = c * (h + 2 * padH) * (w + 2 * padW) + dw * (kw - 1) + 1;
        float[][] b = bufs.length >= parts ? bufs : java.util.Arrays.copyOf(bufs, parts);
        for (int i = 0; i < parts; i++) {
            if (b[i] == null || b[i].length != size) { // fresh, so the borders are zero and stay zero
                b[i] = new float[size];
            }
        }
        return b;
    }

    /** Start of row (ci, i, j) of the column matrix within a padded image of {@code hp x wp} planes. */
    private int[] rowTable(int ig, int hp, int wp) {
        // at most two geometries per layer (the input, and dy for the input gradient); each entry is
        // immutable and published by one reference write, so chunks running at once see a whole one
        RowTable a = table0, b = table1;
        if (a != null && a.fits(ig, hp, wp)) {
            return a.rows();
        }
        if (b != null && b.fits(ig, hp, wp)) {
            return b.rows();
        }
        int[] rows = new int[ig * kh * kw];
        for (int ci = 0, r = 0; ci < ig; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    rows[r++] = ci * hp * wp + i * dh * wp + j * dw;
                }
            }
        }
        table1 = a;
        table0 = new RowTable(ig, hp, wp, rows);
        return rows;
    }

    private record RowTable(int ig, int hp, int wp, int[] rows) {
        boolean fits(int i, int h, int w) { return ig == i && hp == h && wp == w; }
    }

    /**
     * {@code dst[co, oy, ox] = b[co] + sum W[co, ci, i, j] pad(src)[ci, oy + i*dh, ox + j*dw]} for one image
     * (then {@code max(0, .)} with {@code relu}):
     * row (ci, i, j) of the column matrix is a shifted view of the padded image when the output is computed
     * {@code wp} wide (the padded width) and its last {@code wp - wo} columns dropped.
     */
    private void implicitConv(float[] pad, float[] src, int srcOff, int cin, int h, int w, int padH, int padW,
                              Gemm.PackedA[] wts, int cout, float[] b, float[] dst, int dstOff, float[] tmp, boolean relu) {
        int hp = h + 2 * padH, wp = w + 2 * padW, ho = hp - dh * (kh - 1), wo = wp - dw * (kw - 1);
        int ig = cin / groups, og = cout / groups, kg = ig * kh * kw, n = ho * wp;
        for (int c = 0; c < cin; c++) {
            for (int yy = 0; yy < h; yy++) {
                Lanes.copy(src, srcOff + (c * h + yy) * w, pad, (c * hp + yy + padH) * wp + padW, w);
            }
        }
        int[] rows = rowTable(ig, hp, wp);
        for (int g = 0; g < groups; g++) {
            Gemm.sgemmRows(wts[g], n, pad, g * ig * hp * wp, rows, tmp, g * og * n, n);
        }
        for (int co = 0; co < cout; co++) {
            float bo = b == null ? 0f : b[co];
            for (int oy = 0; oy < ho; oy++) {
                Lanes.affine(tmp, (co * ho + oy) * wp, dst, dstOff + (co * ho + oy) * wo, wo, 1f, bo, relu);
            }
        }
    }

    /**
     * {@code dW (+)= dY * R^T} for one sample without im2col: dY is laid out {@code wp} wide (junk columns
     * zero) and row (ci, i, j) of the column matrix is read from the padded image through the row table,
     * as in the forward pass.
     */
    private void implicitWeightGradient(float[] dyData, int dyOff, int sample, int chunk, boolean firstOfChunk) {
        int h = x.dim(2), w = x.dim(3), hp = h + 2 * ph, wp = w + 2 * pw, ho = y.dim(2), wo = y.dim(3);
        int ig = in / groups, og = out / groups, kg = ig * kh * kw, n = ho * wp;
        float[] pad = padX[chunk], dyw = outBuf[chunk];
        int src = x.offset + sample * x.sampleSize();
        for (int c = 0; c < in; c++) {
            for (int yy = 0; yy < h; yy++) {
                Lanes.copy(x.data, src + (c * h + yy) * w, pad, (c * hp + yy + ph) * wp + pw, w);
            }
        }
        for (int co = 0; co < out; co++) {
            for (int oy = 0; oy < ho; oy++) {
                int d = (co * ho + oy) * wp;
                Lanes.copy(dyData, dyOff + (co * ho + oy) * wo, dyw, d, wo);
                for (int j = d + wo; j < d + wp; j++) {
                    dyw[j] = 0f;
                }
            }
        }
        int[] rows = rowTable(ig, hp, wp);
        for (int g = 0; g < groups; g++) {
            if (transposedWeightGradient()) {
                Gemm.sgemmRowsA(kg, og, n, pad, g * ig * hp * wp, rows, dyw, g * og * n, n, firstOfChunk ? 0f : 1f,
                        dwT[chunk], g * kg * og, og);
            } else {
                Gemm.sgemmRowsT(og, kg, n, dyw, g * og * n, n, pad, g * ig * hp * wp, rows, firstOfChunk ? 0f : 1f,
                        dwPart[chunk], g * og * kg, kg);
            }
        }
    }

    /**
     * Whether the implicit weight gradient is computed transposed, {@code dW^T = cols * dY^T}, reading the
     * column matrix in place ({@link Gemm#sgemmRowsA}); a small {@code dW} over many pixels runs faster as
     * dot products in the {@code dY * cols^T} order.
     */
    private boolean transposedWeightGradient() {
        int wp = x.dim(3) + 2 * pw;
        return !Gemm.prefersDot(out / groups, in / groups * kh * kw, y.dim(2) * wp);
    }

    /** {@code dw[g][co][r] = wt[g][r][co]}: a chunk's transposed weight gradient in PyTorch's layout. */
    private void untranspose(float[] wt, float[] dw) {
        int og = out / groups, kg = in / groups * kh * kw;
        for (int g = 0; g < groups; g++) {
            int base = g * og * kg;
            for (int r = 0; r < kg; r++) {
                for (int co = 0; co < og; co++) {
                    dw[base + co * kg + r] = wt[base + r * og + co];
                }
            }
        }
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("Conv2d(").append(in).append(", ").append(out).append(", kernel_size=")
                .append(kh == kw ? String.valueOf(kh) : "(" + kh + ", " + kw + ")");
        if (sh != 1 || sw != 1) {
            sb.append(", stride=").append(sh == sw ? String.valueOf(sh) : "(" + sh + ", " + sw + ")");
        }
        if (ph != 0 || pw != 0) {
            sb.append(", padding=").append(ph == pw ? String.valueOf(ph) : "(" + ph + ", " + pw + ")");
        }
        if (dh != 1) {
            sb.append(", dilation=").append(dh);
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (!hasBias) {
            sb.append(", bias=False");
        }
        return sb.append(')').toString();
    }
}
