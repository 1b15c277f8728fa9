package org.convkit.filters.fft;

/**
 * The specification of one Stockham stage ({@link FftPlan}), one lane at a time: the forward DFT
 * (sign -1) of rows {@code j + r n / R} of the source into rows {@code (j / Ns) Ns R + j % Ns + r Ns}
 * of the destination, for the lanes {@code [lo, hi)} of each row. Row {@code j} of an array starts at
 * {@code offset + j * stride}; real and imaginary parts are separate arrays.
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

    private ScalarStages() {}

    /**
     * Stage {@code s} of {@code plan}. {@code tmpRe} and {@code tmpIm} hold at least {@code p} floats
     * for a generic prime radix p (unused otherwise).
     */
    static void stage(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                      float[] dr, float[] di, int dof, int ds, int lo, int hi, float[] tmpRe, float[] tmpIm) {
        switch (plan.radices[s]) {
            case 2 -> radix2(plan, s, sr, si, so, ss, dr, di, dof, ds, lo, hi);
            case 3 -> radix3(plan, s, sr, si, so, ss, dr, di, dof, ds, lo, hi);
            case 4 -> radix4(plan, s, sr, si, so, ss, dr, di, dof, ds, lo, hi);
            case 5 -> radix5(plan, s, sr, si, so, ss, dr, di, dof, ds, lo, hi);
            default -> generic(plan, s, sr, si, so, ss, dr, di, dof, ds, lo, hi, tmpRe, tmpIm);
        }
    }

    static void radix2(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 2;
        int blocks = m / ns;
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        for (int k = 0; k < ns; k++) {
            float w1r = twr[k];
            float w1i = twi[k];
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int o0 = dof + (q * ns * 2 + k) * ds;
                int o1 = o0 + ns * ds;
                for (int l = lo; l < hi; l++) {
                    float x0r = sr[i0 + l];
                    float x0i = si[i0 + l];
                    float ar = sr[i1 + l];
                    float ai = si[i1 + l];
                    float x1r = Math.fma(ai, -w1i, ar * w1r);
                    float x1i = Math.fma(ar, w1i, ai * w1r);
                    dr[o0 + l] = x0r + x1r;
                    di[o0 + l] = x0i + x1i;
                    dr[o1 + l] = x0r - x1r;
                    di[o1 + l] = x0i - x1i;
                }
            }
        }
    }

    static void radix3(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 3;
        int blocks = m / ns;
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        for (int k = 0; k < ns; k++) {
            float w1r = twr[2 * k];
            float w1i = twi[2 * k];
            float w2r = twr[2 * k + 1];
            float w2i = twi[2 * k + 1];
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int o0 = dof + (q * ns * 3 + k) * ds;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                for (int l = lo; l < hi; l++) {
                    float x0r = sr[i0 + l];
                    float x0i = si[i0 + l];
                    float ar = sr[i1 + l];
                    float ai = si[i1 + l];
                    float x1r = Math.fma(ai, -w1i, ar * w1r);
                    float x1i = Math.fma(ar, w1i, ai * w1r);
                    ar = sr[i2 + l];
                    ai = si[i2 + l];
                    float x2r = Math.fma(ai, -w2i, ar * w2r);
                    float x2i = Math.fma(ar, w2i, ai * w2r);
                    float tr = x1r + x2r;
                    float ti = x1i + x2i;
                    float er = x1r - x2r;
                    float ei = x1i - x2i;
                    float mr = Math.fma(tr, -0.5f, x0r);
                    float mi = Math.fma(ti, -0.5f, x0i);
                    dr[o0 + l] = x0r + tr;
                    di[o0 + l] = x0i + ti;
                    dr[o1 + l] = Math.fma(ei, S3, mr);
                    di[o1 + l] = Math.fma(er, -S3, mi);
                    dr[o2 + l] = Math.fma(ei, -S3, mr);
                    di[o2 + l] = Math.fma(er, S3, mi);
                }
            }
        }
    }

    static void radix4(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 4;
        int blocks = m / ns;
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        for (int k = 0; k < ns; k++) {
            float w1r = twr[3 * k];
            float w1i = twi[3 * k];
            float w2r = twr[3 * k + 1];
            float w2i = twi[3 * k + 1];
            float w3r = twr[3 * k + 2];
            float w3i = twi[3 * k + 2];
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int o0 = dof + (q * ns * 4 + k) * ds;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                int o3 = o2 + ns * ds;
                for (int l = lo; l < hi; l++) {
                    float x0r = sr[i0 + l];
                    float x0i = si[i0 + l];
                    float ar = sr[i1 + l];
                    float ai = si[i1 + l];
                    float x1r = Math.fma(ai, -w1i, ar * w1r);
                    float x1i = Math.fma(ar, w1i, ai * w1r);
                    ar = sr[i2 + l];
                    ai = si[i2 + l];
                    float x2r = Math.fma(ai, -w2i, ar * w2r);
                    float x2i = Math.fma(ar, w2i, ai * w2r);
                    ar = sr[i3 + l];
                    ai = si[i3 + l];
                    float x3r = Math.fma(ai, -w3i, ar * w3r);
                    float x3i = Math.fma(ar, w3i, ai * w3r);
                    float t0r = x0r + x2r;
                    float t0i = x0i + x2i;
                    float t1r = x0r - x2r;
                    float t1i = x0i - x2i;
                    float t2r = x1r + x3r;
                    float t2i = x1i + x3i;
                    float t3r = x1r - x3r;
                    float t3i = x1i - x3i;
                    dr[o0 + l] = t0r + t2r;
                    di[o0 + l] = t0i + t2i;
                    dr[o2 + l] = t0r - t2r;
                    di[o2 + l] = t0i - t2i;
                    dr[o1 + l] = t1r + t3i; // t1 - i t3
                    di[o1 + l] = t1i - t3r;
                    dr[o3 + l] = t1r - t3i; // t1 + i t3
                    di[o3 + l] = t1i + t3r;
                }
            }
        }
    }

    static void radix5(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int lo, int hi) {
        int ns = plan.spans[s];
        int m = plan.n / 5;
        int blocks = m / ns;
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        for (int k = 0; k < ns; k++) {
            float w1r = twr[4 * k];
            float w1i = twi[4 * k];
            float w2r = twr[4 * k + 1];
            float w2i = twi[4 * k + 1];
            float w3r = twr[4 * k + 2];
            float w3i = twi[4 * k + 2];
            float w4r = twr[4 * k + 3];
            float w4i = twi[4 * k + 3];
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int o0 = dof + (q * ns * 5 + k) * ds;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                int o3 = o2 + ns * ds;
                int o4 = o3 + ns * ds;
                for (int l = lo; l < hi; l++) {
                    float x0r = sr[i0 + l];
                    float x0i = si[i0 + l];
                    float ar = sr[i1 + l];
                    float ai = si[i1 + l];
                    float x1r = Math.fma(ai, -w1i, ar * w1r);
                    float x1i = Math.fma(ar, w1i, ai * w1r);
                    ar = sr[i2 + l];
                    ai = si[i2 + l];
                    float x2r = Math.fma(ai, -w2i, ar * w2r);
                    float x2i = Math.fma(ar, w2i, ai * w2r);
                    ar = sr[i3 + l];
                    ai = si[i3 + l];
                    float x3r = Math.fma(ai, -w3i, ar * w3r);
                    float x3i = Math.fma(ar, w3i, ai * w3r);
                    ar = sr[i4 + l];
                    ai = si[i4 + l];
                    float x4r = Math.fma(ai, -w4i, ar * w4r);
                    float x4i = Math.fma(ar, w4i, ai * w4r);
                    float a1r = x1r + x4r;
                    float a1i = x1i + x4i;
                    float b1r = x1r - x4r;
                    float b1i = x1i - x4i;
                    float a2r = x2r + x3r;
                    float a2i = x2i + x3i;
                    float b2r = x2r - x3r;
                    float b2i = x2i - x3i;
                    float m1r = Math.fma(a2r, C52, Math.fma(a1r, C51, x0r));
                    float m1i = Math.fma(a2i, C52, Math.fma(a1i, C51, x0i));
                    float m2r = Math.fma(a2r, C51, Math.fma(a1r, C52, x0r));
                    float m2i = Math.fma(a2i, C51, Math.fma(a1i, C52, x0i));
                    float n1r = Math.fma(b2r, S52, b1r * S51);
                    float n1i = Math.fma(b2i, S52, b1i * S51);
                    float n2r = Math.fma(b2r, -S51, b1r * S52);
                    float n2i = Math.fma(b2i, -S51, b1i * S52);
                    dr[o0 + l] = x0r + a1r + a2r;
                    di[o0 + l] = x0i + a1i + a2i;
                    dr[o1 + l] = m1r + n1i; // m1 - i n1
                    di[o1 + l] = m1i - n1r;
                    dr[o4 + l] = m1r - n1i; // m1 + i n1
                    di[o4 + l] = m1i + n1r;
                    dr[o2 + l] = m2r + n2i; // m2 - i n2
                    di[o2 + l] = m2i - n2r;
                    dr[o3 + l] = m2r - n2i; // m2 + i n2
                    di[o3 + l] = m2i + n2r;
                }
            }
        }
    }

    /**
     * Any odd prime p, directly: with {@code a_r = x_r + x_(p-r)} and {@code b_r = x_r - x_(p-r)},
     * {@code y_k = x_0 + sum_r cos(2 pi r k / p) a_r - i sum_r sin(2 pi r k / p) b_r} and
     * {@code y_(p-k)} the same with {@code + i}, for {@code 1 <= k, r <= (p - 1) / 2}.
     */
    static void generic(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
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
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int o0 = dof + (q * ns * p + k) * ds;
                for (int l = lo; l < hi; l++) {
                    // tmp row 0: x_0; rows 2r - 1 and 2r: a_r and b_r of the twiddled inputs
                    tr[0] = sr[i0 + l];
                    ti[0] = si[i0 + l];
                    for (int r = 1; r <= h; r++) {
                        int t = k * (p - 1);
                        float ar = sr[i0 + r * m * ss + l];
                        float ai = si[i0 + r * m * ss + l];
                        float xr = Math.fma(ai, -twi[t + r - 1], ar * twr[t + r - 1]);
                        float xi = Math.fma(ar, twi[t + r - 1], ai * twr[t + r - 1]);
                        ar = sr[i0 + (p - r) * m * ss + l];
                        ai = si[i0 + (p - r) * m * ss + l];
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
                    for (int j = 1; j <= h; j++) {
                        float mr = tr[0];
                        float mi = ti[0];
                        float nr = 0;
                        float ni = 0;
                        for (int r = 1; r <= h; r++) {
                            int e = (int) ((long) r * j % p);
                            mr = Math.fma(tr[2 * r - 1], cos[e], mr);
                            mi = Math.fma(ti[2 * r - 1], cos[e], mi);
                            nr = Math.fma(tr[2 * r], sin[e], nr);
                            ni = Math.fma(ti[2 * r], sin[e], ni);
                        }
                        dr[o0 + j * ns * ds + l] = mr + ni; // m - i n
                        di[o0 + j * ns * ds + l] = mi - nr;
                        dr[o0 + (p - j) * ns * ds + l] = mr - ni; // m + i n
                        di[o0 + (p - j) * ns * ds + l] = mi + nr;
                    }
                }
            }
        }
    }
}
