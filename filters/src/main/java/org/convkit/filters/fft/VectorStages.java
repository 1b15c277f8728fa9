package org.convkit.filters.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarStages} with the Vector API, vectorised across transforms: a vector holds the same row
 * of {@code S.length()} neighbouring transforms, so every butterfly is plain lane-wise arithmetic with
 * broadcast constants, no shuffles, whatever the vector width. Lanes past the last whole vector go
 * through {@link ScalarStages}, whose arithmetic this follows operation for operation.
 */
final class VectorStages {
    static final VectorSpecies<Float> S = FftSpecies.SPECIES;
    private static final int V = S.length();
    private static final FloatVector HALF = FloatVector.broadcast(S, -0.5f);
    private static final FloatVector P_S3 = FloatVector.broadcast(S, ScalarStages.S3);
    private static final FloatVector N_S3 = FloatVector.broadcast(S, -ScalarStages.S3);
    private static final FloatVector C51 = FloatVector.broadcast(S, ScalarStages.C51);
    private static final FloatVector C52 = FloatVector.broadcast(S, ScalarStages.C52);
    private static final FloatVector S51 = FloatVector.broadcast(S, ScalarStages.S51);
    private static final FloatVector S52 = FloatVector.broadcast(S, ScalarStages.S52);
    private static final FloatVector N_S51 = FloatVector.broadcast(S, -ScalarStages.S51);

    private VectorStages() {}

    /** Stage {@code s} for lanes {@code [0, width)}; {@code tmp*} as {@link #generic} needs. */
    static void stage(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                      float[] dr, float[] di, int dof, int ds, int width, float[] tmpRe, float[] tmpIm) {
        switch (plan.radices[s]) {
            case 2 -> radix2(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
            case 3 -> radix3(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
            case 4 -> radix4(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
            case 5 -> radix5(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
            default -> generic(plan, s, sr, si, so, ss, dr, di, dof, ds, width, tmpRe, tmpIm);
        }
    }

    static void radix2(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 2;
        int blocks = m / ns;
        int bound = S.loopBound(width);
        for (int k = 0; k < ns; k++) {
            FloatVector w1r = FloatVector.broadcast(S, plan.twRe[s][k]);
            FloatVector w1i = FloatVector.broadcast(S, plan.twIm[s][k]);
            FloatVector n1i = w1i.neg();
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int o0 = dof + (q * ns * 2 + k) * ds;
                int o1 = o0 + ns * ds;
                for (int l = 0; l < bound; l += V) {
                    FloatVector x0r = FloatVector.fromArray(S, sr, i0 + l);
                    FloatVector x0i = FloatVector.fromArray(S, si, i0 + l);
                    FloatVector ar = FloatVector.fromArray(S, sr, i1 + l);
                    FloatVector ai = FloatVector.fromArray(S, si, i1 + l);
                    FloatVector x1r = ai.fma(n1i, ar.mul(w1r));
                    FloatVector x1i = ar.fma(w1i, ai.mul(w1r));
                    x0r.add(x1r).intoArray(dr, o0 + l);
                    x0i.add(x1i).intoArray(di, o0 + l);
                    x0r.sub(x1r).intoArray(dr, o1 + l);
                    x0i.sub(x1i).intoArray(di, o1 + l);
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix2(plan, s, sr, si, so, ss, dr, di, dof, ds, bound, width);
        }
    }

    static void radix3(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 3;
        int blocks = m / ns;
        int bound = S.loopBound(width);
        for (int k = 0; k < ns; k++) {
            FloatVector w1r = FloatVector.broadcast(S, plan.twRe[s][2 * k]);
            FloatVector w1i = FloatVector.broadcast(S, plan.twIm[s][2 * k]);
            FloatVector w2r = FloatVector.broadcast(S, plan.twRe[s][2 * k + 1]);
            FloatVector w2i = FloatVector.broadcast(S, plan.twIm[s][2 * k + 1]);
            FloatVector n1i = w1i.neg();
            FloatVector n2i = w2i.neg();
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int o0 = dof + (q * ns * 3 + k) * ds;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                for (int l = 0; l < bound; l += V) {
                    FloatVector x0r = FloatVector.fromArray(S, sr, i0 + l);
                    FloatVector x0i = FloatVector.fromArray(S, si, i0 + l);
                    FloatVector ar = FloatVector.fromArray(S, sr, i1 + l);
                    FloatVector ai = FloatVector.fromArray(S, si, i1 + l);
                    FloatVector x1r = ai.fma(n1i, ar.mul(w1r));
                    FloatVector x1i = ar.fma(w1i, ai.mul(w1r));
                    ar = FloatVector.fromArray(S, sr, i2 + l);
                    ai = FloatVector.fromArray(S, si, i2 + l);
                    FloatVector x2r = ai.fma(n2i, ar.mul(w2r));
                    FloatVector x2i = ar.fma(w2i, ai.mul(w2r));
                    FloatVector tr = x1r.add(x2r);
                    FloatVector ti = x1i.add(x2i);
                    FloatVector er = x1r.sub(x2r);
                    FloatVector ei = x1i.sub(x2i);
                    FloatVector mr = tr.fma(HALF, x0r);
                    FloatVector mi = ti.fma(HALF, x0i);
                    x0r.add(tr).intoArray(dr, o0 + l);
                    x0i.add(ti).intoArray(di, o0 + l);
                    ei.fma(P_S3, mr).intoArray(dr, o1 + l);
                    er.fma(N_S3, mi).intoArray(di, o1 + l);
                    ei.fma(N_S3, mr).intoArray(dr, o2 + l);
                    er.fma(P_S3, mi).intoArray(di, o2 + l);
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix3(plan, s, sr, si, so, ss, dr, di, dof, ds, bound, width);
        }
    }

    static void radix4(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 4;
        int blocks = m / ns;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        for (int k = 0; k < ns; k++) {
            FloatVector w1r = FloatVector.broadcast(S, twr[3 * k]);
            FloatVector w1i = FloatVector.broadcast(S, twi[3 * k]);
            FloatVector w2r = FloatVector.broadcast(S, twr[3 * k + 1]);
            FloatVector w2i = FloatVector.broadcast(S, twi[3 * k + 1]);
            FloatVector w3r = FloatVector.broadcast(S, twr[3 * k + 2]);
            FloatVector w3i = FloatVector.broadcast(S, twi[3 * k + 2]);
            FloatVector n1i = w1i.neg();
            FloatVector n2i = w2i.neg();
            FloatVector n3i = w3i.neg();
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int o0 = dof + (q * ns * 4 + k) * ds;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                int o3 = o2 + ns * ds;
                for (int l = 0; l < bound; l += V) {
                    FloatVector x0r = FloatVector.fromArray(S, sr, i0 + l);
                    FloatVector x0i = FloatVector.fromArray(S, si, i0 + l);
                    FloatVector ar = FloatVector.fromArray(S, sr, i1 + l);
                    FloatVector ai = FloatVector.fromArray(S, si, i1 + l);
                    FloatVector x1r = ai.fma(n1i, ar.mul(w1r));
                    FloatVector x1i = ar.fma(w1i, ai.mul(w1r));
                    ar = FloatVector.fromArray(S, sr, i2 + l);
                    ai = FloatVector.fromArray(S, si, i2 + l);
                    FloatVector x2r = ai.fma(n2i, ar.mul(w2r));
                    FloatVector x2i = ar.fma(w2i, ai.mul(w2r));
                    ar = FloatVector.fromArray(S, sr, i3 + l);
                    ai = FloatVector.fromArray(S, si, i3 + l);
                    FloatVector x3r = ai.fma(n3i, ar.mul(w3r));
                    FloatVector x3i = ar.fma(w3i, ai.mul(w3r));
                    FloatVector t0r = x0r.add(x2r);
                    FloatVector t0i = x0i.add(x2i);
                    FloatVector t1r = x0r.sub(x2r);
                    FloatVector t1i = x0i.sub(x2i);
                    FloatVector t2r = x1r.add(x3r);
                    FloatVector t2i = x1i.add(x3i);
                    FloatVector t3r = x1r.sub(x3r);
                    FloatVector t3i = x1i.sub(x3i);
                    t0r.add(t2r).intoArray(dr, o0 + l);
                    t0i.add(t2i).intoArray(di, o0 + l);
                    t0r.sub(t2r).intoArray(dr, o2 + l);
                    t0i.sub(t2i).intoArray(di, o2 + l);
                    t1r.add(t3i).intoArray(dr, o1 + l);
                    t1i.sub(t3r).intoArray(di, o1 + l);
                    t1r.sub(t3i).intoArray(dr, o3 + l);
                    t1i.add(t3r).intoArray(di, o3 + l);
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix4(plan, s, sr, si, so, ss, dr, di, dof, ds, bound, width);
        }
    }

    static void radix5(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 5;
        int blocks = m / ns;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        for (int k = 0; k < ns; k++) {
            FloatVector w1r = FloatVector.broadcast(S, twr[4 * k]);
            FloatVector w1i = FloatVector.broadcast(S, twi[4 * k]);
            FloatVector w2r = FloatVector.broadcast(S, twr[4 * k + 1]);
            FloatVector w2i = FloatVector.broadcast(S, twi[4 * k + 1]);
            FloatVector w3r = FloatVector.broadcast(S, twr[4 * k + 2]);
            FloatVector w3i = FloatVector.broadcast(S, twi[4 * k + 2]);
            FloatVector w4r = FloatVector.broadcast(S, twr[4 * k + 3]);
            FloatVector w4i = FloatVector.broadcast(S, twi[4 * k + 3]);
            FloatVector n1i = w1i.neg();
            FloatVector n2i = w2i.neg();
            FloatVector n3i = w3i.neg();
            FloatVector n4i = w4i.neg();
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
                for (int l = 0; l < bound; l += V) {
                    FloatVector x0r = FloatVector.fromArray(S, sr, i0 + l);
                    FloatVector x0i = FloatVector.fromArray(S, si, i0 + l);
                    FloatVector ar = FloatVector.fromArray(S, sr, i1 + l);
                    FloatVector ai = FloatVector.fromArray(S, si, i1 + l);
                    FloatVector x1r = ai.fma(n1i, ar.mul(w1r));
                    FloatVector x1i = ar.fma(w1i, ai.mul(w1r));
                    ar = FloatVector.fromArray(S, sr, i2 + l);
                    ai = FloatVector.fromArray(S, si, i2 + l);
                    FloatVector x2r = ai.fma(n2i, ar.mul(w2r));
                    FloatVector x2i = ar.fma(w2i, ai.mul(w2r));
                    ar = FloatVector.fromArray(S, sr, i3 + l);
                    ai = FloatVector.fromArray(S, si, i3 + l);
                    FloatVector x3r = ai.fma(n3i, ar.mul(w3r));
                    FloatVector x3i = ar.fma(w3i, ai.mul(w3r));
                    ar = FloatVector.fromArray(S, sr, i4 + l);
                    ai = FloatVector.fromArray(S, si, i4 + l);
                    FloatVector x4r = ai.fma(n4i, ar.mul(w4r));
                    FloatVector x4i = ar.fma(w4i, ai.mul(w4r));
                    FloatVector a1r = x1r.add(x4r);
                    FloatVector a1i = x1i.add(x4i);
                    FloatVector b1r = x1r.sub(x4r);
                    FloatVector b1i = x1i.sub(x4i);
                    FloatVector a2r = x2r.add(x3r);
                    FloatVector a2i = x2i.add(x3i);
                    FloatVector b2r = x2r.sub(x3r);
                    FloatVector b2i = x2i.sub(x3i);
                    FloatVector m1r = a2r.fma(C52, a1r.fma(C51, x0r));
                    FloatVector m1i = a2i.fma(C52, a1i.fma(C51, x0i));
                    FloatVector m2r = a2r.fma(C51, a1r.fma(C52, x0r));
                    FloatVector m2i = a2i.fma(C51, a1i.fma(C52, x0i));
                    FloatVector n1r = b2r.fma(S52, b1r.mul(S51));
                    FloatVector n1iv = b2i.fma(S52, b1i.mul(S51));
                    FloatVector n2r = b2r.fma(N_S51, b1r.mul(S52));
                    FloatVector n2iv = b2i.fma(N_S51, b1i.mul(S52));
                    x0r.add(a1r).add(a2r).intoArray(dr, o0 + l);
                    x0i.add(a1i).add(a2i).intoArray(di, o0 + l);
                    m1r.add(n1iv).intoArray(dr, o1 + l);
                    m1i.sub(n1r).intoArray(di, o1 + l);
                    m1r.sub(n1iv).intoArray(dr, o4 + l);
                    m1i.add(n1r).intoArray(di, o4 + l);
                    m2r.add(n2iv).intoArray(dr, o2 + l);
                    m2i.sub(n2r).intoArray(di, o2 + l);
                    m2r.sub(n2iv).intoArray(dr, o3 + l);
                    m2i.add(n2r).intoArray(di, o3 + l);
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix5(plan, s, sr, si, so, ss, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * {@link ScalarStages#generic} on vectors; {@code tr} and {@code ti} hold at least {@code p V}
     * floats (row t of the butterfly's temporaries at {@code t V}).
     */
    static void generic(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                        float[] dr, float[] di, int dof, int ds, int width, float[] tr, float[] ti) {
        int p = plan.radices[s];
        int h = (p - 1) / 2;
        int ns = plan.spans[s];
        int m = plan.n / p;
        int blocks = m / ns;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] cos = plan.rootCos[s];
        float[] sin = plan.rootSin[s];
        for (int k = 0; k < ns; k++) {
            int t = k * (p - 1);
            for (int q = 0; q < blocks; q++) {
                int i0 = so + (q * ns + k) * ss;
                int o0 = dof + (q * ns * p + k) * ds;
                for (int l = 0; l < bound; l += V) {
                    FloatVector x0r = FloatVector.fromArray(S, sr, i0 + l);
                    FloatVector x0i = FloatVector.fromArray(S, si, i0 + l);
                    FloatVector y0r = x0r;
                    FloatVector y0i = x0i;
                    for (int r = 1; r <= h; r++) {
                        FloatVector ar = FloatVector.fromArray(S, sr, i0 + r * m * ss + l);
                        FloatVector ai = FloatVector.fromArray(S, si, i0 + r * m * ss + l);
                        FloatVector wr = FloatVector.broadcast(S, twr[t + r - 1]);
                        FloatVector wi = FloatVector.broadcast(S, twi[t + r - 1]);
                        FloatVector xr = ai.fma(wi.neg(), ar.mul(wr));
                        FloatVector xi = ar.fma(wi, ai.mul(wr));
                        ar = FloatVector.fromArray(S, sr, i0 + (p - r) * m * ss + l);
                        ai = FloatVector.fromArray(S, si, i0 + (p - r) * m * ss + l);
                        wr = FloatVector.broadcast(S, twr[t + p - r - 1]);
                        wi = FloatVector.broadcast(S, twi[t + p - r - 1]);
                        FloatVector yr = ai.fma(wi.neg(), ar.mul(wr));
                        FloatVector yi = ar.fma(wi, ai.mul(wr));
                        FloatVector sumr = xr.add(yr);
                        FloatVector sumi = xi.add(yi);
                        sumr.intoArray(tr, (2 * r - 1) * V);
                        sumi.intoArray(ti, (2 * r - 1) * V);
                        xr.sub(yr).intoArray(tr, 2 * r * V);
                        xi.sub(yi).intoArray(ti, 2 * r * V);
                        y0r = y0r.add(sumr);
                        y0i = y0i.add(sumi);
                    }
                    y0r.intoArray(dr, o0 + l);
                    y0i.intoArray(di, o0 + l);
                    for (int j = 1; j <= h; j++) {
                        FloatVector mr = x0r;
                        FloatVector mi = x0i;
                        FloatVector nr = FloatVector.zero(S);
                        FloatVector ni = FloatVector.zero(S);
                        for (int r = 1; r <= h; r++) {
                            int e = (int) ((long) r * j % p);
                            FloatVector c = FloatVector.broadcast(S, cos[e]);
                            FloatVector sn = FloatVector.broadcast(S, sin[e]);
                            mr = FloatVector.fromArray(S, tr, (2 * r - 1) * V).fma(c, mr);
                            mi = FloatVector.fromArray(S, ti, (2 * r - 1) * V).fma(c, mi);
                            nr = FloatVector.fromArray(S, tr, 2 * r * V).fma(sn, nr);
                            ni = FloatVector.fromArray(S, ti, 2 * r * V).fma(sn, ni);
                        }
                        mr.add(ni).intoArray(dr, o0 + j * ns * ds + l);
                        mi.sub(nr).intoArray(di, o0 + j * ns * ds + l);
                        mr.sub(ni).intoArray(dr, o0 + (p - j) * ns * ds + l);
                        mi.add(nr).intoArray(di, o0 + (p - j) * ns * ds + l);
                    }
                }
            }
        }
        if (bound < width) {
            ScalarStages.generic(plan, s, sr, si, so, ss, dr, di, dof, ds, bound, width, tr, ti);
        }
    }
}
