package org.convkit.filters.fft;

/**
 * The specification of one Stockham stage ({@link FftPlan}), one lane at a time: the forward DFT
 * (sign -1) of rows {@code j + r n / R} of the source into rows {@code (j / Ns) Ns R + j % Ns + r Ns}
 * of the destination, for the lanes {@code [lo, hi)} of each row. Row {@code j} of an array starts at
 * {@code offset + j * stride}; real and imaginary parts are separate arrays.
 * <p>
 * The first stage ({@code s = 0}, {@code Ns = 1}) has no twiddles (they are all 1) and multiplies each
 * input by its weight (row j of the weights at {@code wo + j * ws}; null weights are all 1); the later
 * ones multiply input r by its twiddle and take no weights. The generic prime radix does both in every
 * stage (weights of 1 after the first), a product by 1 being exact.
 * <p>
 * {@link VectorStages} does the same arithmetic, operation for operation (the same {@code fma}s in the
 * same order), on whole vectors of lanes, so the two agree bit for bit.
 * <p>
 * The complex product {@code x w} is {@code (fma(xi, -wi, xr wr), fma(xr, wi, xi wr))}.
 */
final class ScalarStages {
    /** sin(2 pi / 3). */
    static final float S3 = (float) Math.sin(2 * Math.PI / 3);
    static final float C51 = (float) Math.cos(2 * Math.PI / 5);
    static final float C52 = (float) Math.cos(4 * Math.PI / 5);
    static final float S51 = (float) Math.sin(2 * Math.PI / 5);
    static final float S52 = (float) Math.sin(4 * Math.PI / 5);
    /** sqrt(1/2). */
    static final float H = (float) Math.sqrt(0.5);

    /** Weight 1, for the untwiddled input 0 of later stages. */
    private static final float[] ONE = {1f};

    private ScalarStages() {}

    /**
     * Stage {@code s} of {@code plan}. {@code tr} and {@code ti} hold at least {@code p} floats for a
     * generic prime radix p (unused otherwise).
     */
    static void stage(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                      float[] dr, float[] di, int dof, int ds, int lo, int hi, float[] tr, float[] ti) {
        switch (plan.radices[s]) {
            case 2 -> radix2(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, lo, hi);
            case 3 -> radix3(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, lo, hi);
            case 4 -> radix4(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, lo, hi);
            case 5 -> radix5(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, lo, hi);
            case 8 -> radix8(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, lo, hi);
            default -> generic(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, lo, hi, tr, ti);
        }
    }

    /**
     * Input r of a butterfly, weighted (first stage) or twiddled (later stages), into {@code x[2r]} (real)
     * and {@code x[2r + 1]} (imaginary). {@code i} is its index in the source, {@code w} in the weights.
     */
    private static void input(boolean first, float[] sr, float[] si, int i, float[] wt, int w,
                              float twr, float twi, float[] x, int r) {
        float ar = sr[i];
        float ai = si[i];
        if (first) {
            float g = wt == null ? 1f : wt[w];
            x[2 * r] = ar * g;
            x[2 * r + 1] = ai * g;
        } else {
            x[2 * r] = Math.fma(ai, -twi, ar * twr);
            x[2 * r + 1] = Math.fma(ar, twi, ai * twr);
        }
    }

    static void radix2(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 2;
        int blocks = m / ns;
        boolean first = s == 0;
        float[] x = new float[4];
        for (int k = 0; k < ns; k++) {
            for (int q = 0; q < blocks; q++) {
                int j = q * ns + k;
                int o0 = dof + (q * ns * 2 + k) * ds;
                for (int l = lo; l < hi; l++) {
                    loadInputs(plan, s, first, 2, j, k, m, sr, si, so, ss, wt, wo, ws, l, x);
                    dr[o0 + l] = x[0] + x[2];
                    di[o0 + l] = x[1] + x[3];
                    dr[o0 + ns * ds + l] = x[0] - x[2];
                    di[o0 + ns * ds + l] = x[1] - x[3];
                }
            }
        }
    }

    static void radix3(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 3;
        int blocks = m / ns;
        boolean first = s == 0;
        float[] x = new float[6];
        for (int k = 0; k < ns; k++) {
            for (int q = 0; q < blocks; q++) {
                int j = q * ns + k;
                int o0 = dof + (q * ns * 3 + k) * ds;
                for (int l = lo; l < hi; l++) {
                    loadInputs(plan, s, first, 3, j, k, m, sr, si, so, ss, wt, wo, ws, l, x);
                    float tr = x[2] + x[4];
                    float ti = x[3] + x[5];
                    float er = x[2] - x[4];
                    float ei = x[3] - x[5];
                    float mr = Math.fma(tr, -0.5f, x[0]);
                    float mi = Math.fma(ti, -0.5f, x[1]);
                    dr[o0 + l] = x[0] + tr;
                    di[o0 + l] = x[1] + ti;
                    dr[o0 + ns * ds + l] = Math.fma(ei, S3, mr);
                    di[o0 + ns * ds + l] = Math.fma(er, -S3, mi);
                    dr[o0 + 2 * ns * ds + l] = Math.fma(ei, -S3, mr);
                    di[o0 + 2 * ns * ds + l] = Math.fma(er, S3, mi);
                }
            }
        }
    }

    static void radix4(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 4;
        int blocks = m / ns;
        boolean first = s == 0;
        float[] x = new float[8];
        for (int k = 0; k < ns; k++) {
            for (int q = 0; q < blocks; q++) {
                int j = q * ns + k;
                int o0 = dof + (q * ns * 4 + k) * ds;
                int step = ns * ds;
                for (int l = lo; l < hi; l++) {
                    loadInputs(plan, s, first, 4, j, k, m, sr, si, so, ss, wt, wo, ws, l, x);
                    float t0r = x[0] + x[4];
                    float t0i = x[1] + x[5];
                    float t1r = x[0] - x[4];
                    float t1i = x[1] - x[5];
                    float t2r = x[2] + x[6];
                    float t2i = x[3] + x[7];
                    float t3r = x[2] - x[6];
                    float t3i = x[3] - x[7];
                    dr[o0 + l] = t0r + t2r;
                    di[o0 + l] = t0i + t2i;
                    dr[o0 + 2 * step + l] = t0r - t2r;
                    di[o0 + 2 * step + l] = t0i - t2i;
                    dr[o0 + step + l] = t1r + t3i; // t1 - i t3
                    di[o0 + step + l] = t1i - t3r;
                    dr[o0 + 3 * step + l] = t1r - t3i; // t1 + i t3
                    di[o0 + 3 * step + l] = t1i + t3r;
                }
            }
        }
    }

    static void radix5(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 5;
        int blocks = m / ns;
        boolean first = s == 0;
        float[] x = new float[10];
        for (int k = 0; k < ns; k++) {
            for (int q = 0; q < blocks; q++) {
                int j = q * ns + k;
                int o0 = dof + (q * ns * 5 + k) * ds;
                int step = ns * ds;
                for (int l = lo; l < hi; l++) {
                    loadInputs(plan, s, first, 5, j, k, m, sr, si, so, ss, wt, wo, ws, l, x);
                    float a1r = x[2] + x[8];
                    float a1i = x[3] + x[9];
                    float b1r = x[2] - x[8];
                    float b1i = x[3] - x[9];
                    float a2r = x[4] + x[6];
                    float a2i = x[5] + x[7];
                    float b2r = x[4] - x[6];
                    float b2i = x[5] - x[7];
                    float m1r = Math.fma(a2r, C52, Math.fma(a1r, C51, x[0]));
                    float m1i = Math.fma(a2i, C52, Math.fma(a1i, C51, x[1]));
                    float m2r = Math.fma(a2r, C51, Math.fma(a1r, C52, x[0]));
                    float m2i = Math.fma(a2i, C51, Math.fma(a1i, C52, x[1]));
                    float n1r = Math.fma(b2r, S52, b1r * S51);
                    float n1i = Math.fma(b2i, S52, b1i * S51);
                    float n2r = Math.fma(b2r, -S51, b1r * S52);
                    float n2i = Math.fma(b2i, -S51, b1i * S52);
                    dr[o0 + l] = x[0] + a1r + a2r;
                    di[o0 + l] = x[1] + a1i + a2i;
                    dr[o0 + step + l] = m1r + n1i; // m1 - i n1
                    di[o0 + step + l] = m1i - n1r;
                    dr[o0 + 4 * step + l] = m1r - n1i; // m1 + i n1
                    di[o0 + 4 * step + l] = m1i + n1r;
                    dr[o0 + 2 * step + l] = m2r + n2i; // m2 - i n2
                    di[o0 + 2 * step + l] = m2i - n2r;
                    dr[o0 + 3 * step + l] = m2r - n2i; // m2 + i n2
                    di[o0 + 3 * step + l] = m2i + n2r;
                }
            }
        }
    }

    /**
     * Radix 8 as a radix-2 step over the halves and two radix-4 DFTs: {@code a_r = x_r + x_(r+4)} give
     * the even outputs, {@code b_r = x_r - x_(r+4)} times {@code w^r} ({@code w = exp(-i pi / 4)}) the odd ones.
     */
    static void radix8(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 8;
        int blocks = m / ns;
        boolean first = s == 0;
        float[] x = new float[16];
        for (int k = 0; k < ns; k++) {
            for (int q = 0; q < blocks; q++) {
                int j = q * ns + k;
                int o0 = dof + (q * ns * 8 + k) * ds;
                int step = ns * ds;
                for (int l = lo; l < hi; l++) {
                    loadInputs(plan, s, first, 8, j, k, m, sr, si, so, ss, wt, wo, ws, l, x);
                    float a0r = x[0] + x[8];
                    float a0i = x[1] + x[9];
                    float b0r = x[0] - x[8];
                    float b0i = x[1] - x[9];
                    float a1r = x[2] + x[10];
                    float a1i = x[3] + x[11];
                    float b1r = x[2] - x[10];
                    float b1i = x[3] - x[11];
                    float a2r = x[4] + x[12];
                    float a2i = x[5] + x[13];
                    float b2r = x[4] - x[12];
                    float b2i = x[5] - x[13];
                    float a3r = x[6] + x[14];
                    float a3i = x[7] + x[15];
                    float b3r = x[6] - x[14];
                    float b3i = x[7] - x[15];
                    float t0r = a0r + a2r; // even outputs: the radix-4 DFT of a
                    float t0i = a0i + a2i;
                    float t1r = a0r - a2r;
                    float t1i = a0i - a2i;
                    float t2r = a1r + a3r;
                    float t2i = a1i + a3i;
                    float t3r = a1r - a3r;
                    float t3i = a1i - a3i;
                    dr[o0 + l] = t0r + t2r;
                    di[o0 + l] = t0i + t2i;
                    dr[o0 + 4 * step + l] = t0r - t2r;
                    di[o0 + 4 * step + l] = t0i - t2i;
                    dr[o0 + 2 * step + l] = t1r + t3i;
                    di[o0 + 2 * step + l] = t1i - t3r;
                    dr[o0 + 6 * step + l] = t1r - t3i;
                    di[o0 + 6 * step + l] = t1i + t3r;
                    float c1r = (b1r + b1i) * H; // b1 w, b2 w^2 = -i b2, b3 w^3
                    float c1i = (b1i - b1r) * H;
                    float c3r = (b3i - b3r) * H;
                    float c3i = (b3r + b3i) * -H;
                    float u0r = b0r + b2i; // odd outputs: the radix-4 DFT of b0, c1, -i b2, c3
                    float u0i = b0i - b2r;
                    float u1r = b0r - b2i;
                    float u1i = b0i + b2r;
                    float u2r = c1r + c3r;
                    float u2i = c1i + c3i;
                    float u3r = c1r - c3r;
                    float u3i = c1i - c3i;
                    dr[o0 + step + l] = u0r + u2r;
                    di[o0 + step + l] = u0i + u2i;
                    dr[o0 + 5 * step + l] = u0r - u2r;
                    di[o0 + 5 * step + l] = u0i - u2i;
                    dr[o0 + 3 * step + l] = u1r + u3i;
                    di[o0 + 3 * step + l] = u1i - u3r;
                    dr[o0 + 7 * step + l] = u1r - u3i;
                    di[o0 + 7 * step + l] = u1i + u3r;
                }
            }
        }
    }

    /** The R inputs of the butterfly j (lane l) of a radix-2, 3, 4, 5 or 8 stage: input 0 is never twiddled. */
    private static void loadInputs(FftPlan plan, int s, boolean first, int radix, int j, int k, int m,
                                   float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws, int l, float[] x) {
        for (int r = 0; r < radix; r++) {
            int row = j + r * m;
            boolean weighted = first || r == 0;
            float twr = r == 0 ? 1 : plan.twRe[s][k * (radix - 1) + r - 1];
            float twi = r == 0 ? 0 : plan.twIm[s][k * (radix - 1) + r - 1];
            input(weighted, sr, si, so + row * ss + l, first ? wt : ONE, first ? wo + row * ws + l : 0, twr, twi, x, r);
        }
    }

    /**
     * Any odd prime p, directly: with {@code a_r = x_r + x_(p-r)} and {@code b_r = x_r - x_(p-r)},
     * {@code y_k = x_0 + sum_r cos(2 pi r k / p) a_r - i sum_r sin(2 pi r k / p) b_r} and
     * {@code y_(p-k)} the same with {@code + i}, for {@code 1 <= k, r <= (p - 1) / 2}. Every input is
     * weighted, then twiddled.
     */
    static void generic(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                        float[] dr, float[] di, int dof, int ds, int lo, int hi, float[] tr, float[] ti) {
        int p = plan.radices[s];
        int h = (p - 1) / 2;
        int ns = plan.spans[s];
        int m = plan.n / p;
        int blocks = m / ns;
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] cos = plan.rootCos[s];
        float[] sin = plan.rootSin[s];
        for (int k = 0; k < ns; k++) {
            int t = k * (p - 1);
            for (int q = 0; q < blocks; q++) {
                int j = q * ns + k;
                int o0 = dof + (q * ns * p + k) * ds;
                for (int l = lo; l < hi; l++) {
                    // tmp row 0: x_0; rows 2r - 1 and 2r: a_r and b_r of the weighted, twiddled inputs
                    float g0 = wt == null ? 1f : wt[wo + j * ws + l];
                    tr[0] = sr[so + j * ss + l] * g0;
                    ti[0] = si[so + j * ss + l] * g0;
                    for (int r = 1; r <= h; r++) {
                        int i = so + (j + r * m) * ss + l;
                        float g = wt == null ? 1f : wt[wo + (j + r * m) * ws + l];
                        float ar = sr[i] * g;
                        float ai = si[i] * g;
                        float xr = Math.fma(ai, -twi[t + r - 1], ar * twr[t + r - 1]);
                        float xi = Math.fma(ar, twi[t + r - 1], ai * twr[t + r - 1]);
                        i = so + (j + (p - r) * m) * ss + l;
                        g = wt == null ? 1f : wt[wo + (j + (p - r) * m) * ws + l];
                        ar = sr[i] * g;
                        ai = si[i] * g;
                        float yr = Math.fma(ai, -twi[t + p - r - 1], ar * twr[t + p - r - 1]);
                        float yi = Math.fma(ar, twi[t + p - r - 1], ai * twr[t + p - r - 1]);
                        tr[2 * r - 1] = xr + yr;
                        ti[2 * r - 1] = xi + yi;
                        tr[2 * r] = xr - yr;
                        ti[2 * r] = xi - yi;
                    }
                    float y0r = tr[0];
                    float y0i = ti[0];
                    for (int r = 1; r <= h; r++) {
                        y0r += tr[2 * r - 1];
                        y0i += ti[2 * r - 1];
                    }
                    dr[o0 + l] = y0r;
                    di[o0 + l] = y0i;
                    for (int e = 1; e <= h; e++) {
                        float mr = tr[0];
                        float mi = ti[0];
                        float nr = 0;
                        float ni = 0;
                        for (int r = 1; r <= h; r++) {
                            int c = (int) ((long) r * e % p);
                            mr = Math.fma(tr[2 * r - 1], cos[c], mr);
                            mi = Math.fma(ti[2 * r - 1], cos[c], mi);
                            nr = Math.fma(tr[2 * r], sin[c], nr);
                            ni = Math.fma(ti[2 * r], sin[c], ni);
                        }
                        dr[o0 + e * ns * ds + l] = mr + ni; // m - i n
                        di[o0 + e * ns * ds + l] = mi - nr;
                        dr[o0 + (p - e) * ns * ds + l] = mr - ni; // m + i n
                        di[o0 + (p - e) * ns * ds + l] = mi + nr;
                    }
                }
            }
        }
    }
}
