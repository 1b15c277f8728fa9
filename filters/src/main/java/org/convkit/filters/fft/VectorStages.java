package org.convkit.filters.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarStages} with the Vector API, vectorised across transforms: a vector holds the same row
 * of {@code S.length()} neighbouring transforms, so every butterfly is plain lane-wise arithmetic with
 * broadcast constants, no shuffles, whatever the vector width. Lanes past the last whole vector go
 * through {@link ScalarStages}, whose arithmetic this follows operation for operation.
 * <p>
 * Each radix has a first-stage loop (weighted inputs, no twiddles) and a later-stage loop (twiddled
 * inputs), written out apart: vectors merged from two branches would be boxed by C2. Their butterflies
 * are the same lines (generated from one template by filters/gen_vector_stages.py).
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
    private static final FloatVector H = FloatVector.broadcast(S, ScalarStages.H);
    private static final FloatVector NH = FloatVector.broadcast(S, -ScalarStages.H);

    private VectorStages() {}

    /**
     * Stage {@code s} for lanes {@code [0, width)}; arguments as {@link ScalarStages#stage} (null weights
     * are weights of 1: the first stage then skips the products, which are exact; the generic radix needs
     * an array).
     */
    static void stage(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                      float[] dr, float[] di, int dof, int ds, int width, float[] tr, float[] ti) {
        int radix = plan.radices[s];
        if (radix > 5 && radix != 8) {
            generic(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width, tr, ti);
        } else if (s == 0 && wt == null) {
            switch (radix) {
                case 2 -> radix2Plain(plan, sr, si, so, ss, dr, di, dof, ds, width);
                case 3 -> radix3Plain(plan, sr, si, so, ss, dr, di, dof, ds, width);
                case 4 -> radix4Plain(plan, sr, si, so, ss, dr, di, dof, ds, width);
                case 5 -> radix5Plain(plan, sr, si, so, ss, dr, di, dof, ds, width);
                default -> radix8Plain(plan, sr, si, so, ss, dr, di, dof, ds, width);
            }
        } else if (s == 0) {
            switch (radix) {
                case 2 -> radix2First(plan, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width);
                case 3 -> radix3First(plan, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width);
                case 4 -> radix4First(plan, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width);
                case 5 -> radix5First(plan, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width);
                default -> radix8First(plan, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, width);
            }
        } else {
            switch (radix) {
                case 2 -> radix2(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
                case 3 -> radix3(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
                case 4 -> radix4(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
                case 5 -> radix5(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
                default -> radix8(plan, s, sr, si, so, ss, dr, di, dof, ds, width);
            }
        }
    }

    /** Radix 2, first stage: weighted inputs, no twiddles. */
    static void radix2First(FftPlan plan, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 2;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int g0 = wo + q * ws + l;
                int g1 = g0 + m * ws;
                int o0 = dof + q * 2 * ds + l;
                int o1 = o0 + ds;
                FloatVector w0 = FloatVector.fromArray(S, wt, g0);
                FloatVector x0r = FloatVector.fromArray(S, sr, i0).mul(w0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0).mul(w0);
                FloatVector w1 = FloatVector.fromArray(S, wt, g1);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1).mul(w1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1).mul(w1);
                x0r.add(x1r).intoArray(dr, o0);
                x0i.add(x1i).intoArray(di, o0);
                x0r.sub(x1r).intoArray(dr, o1);
                x0i.sub(x1i).intoArray(di, o1);
            }
        }
        if (bound < width) {
            ScalarStages.radix2(plan, 0, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 2, first stage without weights: {@link #radix2First} with every weight 1. */
    static void radix2Plain(FftPlan plan, float[] sr, float[] si, int so, int ss,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 2;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int o0 = dof + q * 2 * ds + l;
                int o1 = o0 + ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1);
                x0r.add(x1r).intoArray(dr, o0);
                x0i.add(x1i).intoArray(di, o0);
                x0r.sub(x1r).intoArray(dr, o1);
                x0i.sub(x1i).intoArray(di, o1);
            }
        }
        if (bound < width) {
            ScalarStages.radix2(plan, 0, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * Radix 2, a later stage: inputs 1 to 1 twiddled. One loop over the butterflies
     * {@code j = q Ns + k}, whatever the split of n / 2 between q and k, so that the inner loop is long.
     */
    static void radix2(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 2;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] twn = plan.twNegIm[s];
        for (int l = 0; l < bound; l += V) {
            int k = 0;
            int out = dof + l; // row q Ns 2 + k of the output
            for (int j = 0; j < m; j++) {
                int t = k * 1;
                int i0 = so + j * ss + l;
                int i1 = i0 + m * ss;
                int o0 = out;
                int o1 = o0 + ns * ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector w1r = FloatVector.broadcast(S, twr[t]);
                FloatVector w1i = FloatVector.broadcast(S, twi[t]);
                FloatVector nw1 = FloatVector.broadcast(S, twn[t]);
                FloatVector p1r = FloatVector.fromArray(S, sr, i1);
                FloatVector p1i = FloatVector.fromArray(S, si, i1);
                FloatVector x1r = p1i.fma(nw1, p1r.mul(w1r));
                FloatVector x1i = p1r.fma(w1i, p1i.mul(w1r));
                x0r.add(x1r).intoArray(dr, o0);
                x0i.add(x1i).intoArray(di, o0);
                x0r.sub(x1r).intoArray(dr, o1);
                x0i.sub(x1i).intoArray(di, o1);
                if (++k == ns) {
                    k = 0;
                    out += (ns * 1 + 1) * ds;
                } else {
                    out += ds;
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix2(plan, s, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 3, first stage: weighted inputs, no twiddles. */
    static void radix3First(FftPlan plan, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 3;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int g0 = wo + q * ws + l;
                int g1 = g0 + m * ws;
                int g2 = g1 + m * ws;
                int o0 = dof + q * 3 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                FloatVector w0 = FloatVector.fromArray(S, wt, g0);
                FloatVector x0r = FloatVector.fromArray(S, sr, i0).mul(w0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0).mul(w0);
                FloatVector w1 = FloatVector.fromArray(S, wt, g1);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1).mul(w1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1).mul(w1);
                FloatVector w2 = FloatVector.fromArray(S, wt, g2);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2).mul(w2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2).mul(w2);
                FloatVector tr = x1r.add(x2r);
                FloatVector ti = x1i.add(x2i);
                FloatVector er = x1r.sub(x2r);
                FloatVector ei = x1i.sub(x2i);
                FloatVector mr = tr.fma(HALF, x0r);
                FloatVector mi = ti.fma(HALF, x0i);
                x0r.add(tr).intoArray(dr, o0);
                x0i.add(ti).intoArray(di, o0);
                ei.fma(P_S3, mr).intoArray(dr, o1);
                er.fma(N_S3, mi).intoArray(di, o1);
                ei.fma(N_S3, mr).intoArray(dr, o2);
                er.fma(P_S3, mi).intoArray(di, o2);
            }
        }
        if (bound < width) {
            ScalarStages.radix3(plan, 0, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 3, first stage without weights: {@link #radix3First} with every weight 1. */
    static void radix3Plain(FftPlan plan, float[] sr, float[] si, int so, int ss,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 3;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int o0 = dof + q * 3 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2);
                FloatVector tr = x1r.add(x2r);
                FloatVector ti = x1i.add(x2i);
                FloatVector er = x1r.sub(x2r);
                FloatVector ei = x1i.sub(x2i);
                FloatVector mr = tr.fma(HALF, x0r);
                FloatVector mi = ti.fma(HALF, x0i);
                x0r.add(tr).intoArray(dr, o0);
                x0i.add(ti).intoArray(di, o0);
                ei.fma(P_S3, mr).intoArray(dr, o1);
                er.fma(N_S3, mi).intoArray(di, o1);
                ei.fma(N_S3, mr).intoArray(dr, o2);
                er.fma(P_S3, mi).intoArray(di, o2);
            }
        }
        if (bound < width) {
            ScalarStages.radix3(plan, 0, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * Radix 3, a later stage: inputs 1 to 2 twiddled. One loop over the butterflies
     * {@code j = q Ns + k}, whatever the split of n / 3 between q and k, so that the inner loop is long.
     */
    static void radix3(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 3;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] twn = plan.twNegIm[s];
        for (int l = 0; l < bound; l += V) {
            int k = 0;
            int out = dof + l; // row q Ns 3 + k of the output
            for (int j = 0; j < m; j++) {
                int t = k * 2;
                int i0 = so + j * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int o0 = out;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector w1r = FloatVector.broadcast(S, twr[t]);
                FloatVector w1i = FloatVector.broadcast(S, twi[t]);
                FloatVector nw1 = FloatVector.broadcast(S, twn[t]);
                FloatVector p1r = FloatVector.fromArray(S, sr, i1);
                FloatVector p1i = FloatVector.fromArray(S, si, i1);
                FloatVector x1r = p1i.fma(nw1, p1r.mul(w1r));
                FloatVector x1i = p1r.fma(w1i, p1i.mul(w1r));
                FloatVector w2r = FloatVector.broadcast(S, twr[t + 1]);
                FloatVector w2i = FloatVector.broadcast(S, twi[t + 1]);
                FloatVector nw2 = FloatVector.broadcast(S, twn[t + 1]);
                FloatVector p2r = FloatVector.fromArray(S, sr, i2);
                FloatVector p2i = FloatVector.fromArray(S, si, i2);
                FloatVector x2r = p2i.fma(nw2, p2r.mul(w2r));
                FloatVector x2i = p2r.fma(w2i, p2i.mul(w2r));
                FloatVector tr = x1r.add(x2r);
                FloatVector ti = x1i.add(x2i);
                FloatVector er = x1r.sub(x2r);
                FloatVector ei = x1i.sub(x2i);
                FloatVector mr = tr.fma(HALF, x0r);
                FloatVector mi = ti.fma(HALF, x0i);
                x0r.add(tr).intoArray(dr, o0);
                x0i.add(ti).intoArray(di, o0);
                ei.fma(P_S3, mr).intoArray(dr, o1);
                er.fma(N_S3, mi).intoArray(di, o1);
                ei.fma(N_S3, mr).intoArray(dr, o2);
                er.fma(P_S3, mi).intoArray(di, o2);
                if (++k == ns) {
                    k = 0;
                    out += (ns * 2 + 1) * ds;
                } else {
                    out += ds;
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix3(plan, s, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 4, first stage: weighted inputs, no twiddles. */
    static void radix4First(FftPlan plan, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 4;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int g0 = wo + q * ws + l;
                int g1 = g0 + m * ws;
                int g2 = g1 + m * ws;
                int g3 = g2 + m * ws;
                int o0 = dof + q * 4 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                int o3 = o2 + ds;
                FloatVector w0 = FloatVector.fromArray(S, wt, g0);
                FloatVector x0r = FloatVector.fromArray(S, sr, i0).mul(w0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0).mul(w0);
                FloatVector w1 = FloatVector.fromArray(S, wt, g1);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1).mul(w1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1).mul(w1);
                FloatVector w2 = FloatVector.fromArray(S, wt, g2);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2).mul(w2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2).mul(w2);
                FloatVector w3 = FloatVector.fromArray(S, wt, g3);
                FloatVector x3r = FloatVector.fromArray(S, sr, i3).mul(w3);
                FloatVector x3i = FloatVector.fromArray(S, si, i3).mul(w3);
                FloatVector t0r = x0r.add(x2r);
                FloatVector t0i = x0i.add(x2i);
                FloatVector t1r = x0r.sub(x2r);
                FloatVector t1i = x0i.sub(x2i);
                FloatVector t2r = x1r.add(x3r);
                FloatVector t2i = x1i.add(x3i);
                FloatVector t3r = x1r.sub(x3r);
                FloatVector t3i = x1i.sub(x3i);
                t0r.add(t2r).intoArray(dr, o0);
                t0i.add(t2i).intoArray(di, o0);
                t0r.sub(t2r).intoArray(dr, o2);
                t0i.sub(t2i).intoArray(di, o2);
                t1r.add(t3i).intoArray(dr, o1);
                t1i.sub(t3r).intoArray(di, o1);
                t1r.sub(t3i).intoArray(dr, o3);
                t1i.add(t3r).intoArray(di, o3);
            }
        }
        if (bound < width) {
            ScalarStages.radix4(plan, 0, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 4, first stage without weights: {@link #radix4First} with every weight 1. */
    static void radix4Plain(FftPlan plan, float[] sr, float[] si, int so, int ss,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 4;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int o0 = dof + q * 4 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                int o3 = o2 + ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2);
                FloatVector x3r = FloatVector.fromArray(S, sr, i3);
                FloatVector x3i = FloatVector.fromArray(S, si, i3);
                FloatVector t0r = x0r.add(x2r);
                FloatVector t0i = x0i.add(x2i);
                FloatVector t1r = x0r.sub(x2r);
                FloatVector t1i = x0i.sub(x2i);
                FloatVector t2r = x1r.add(x3r);
                FloatVector t2i = x1i.add(x3i);
                FloatVector t3r = x1r.sub(x3r);
                FloatVector t3i = x1i.sub(x3i);
                t0r.add(t2r).intoArray(dr, o0);
                t0i.add(t2i).intoArray(di, o0);
                t0r.sub(t2r).intoArray(dr, o2);
                t0i.sub(t2i).intoArray(di, o2);
                t1r.add(t3i).intoArray(dr, o1);
                t1i.sub(t3r).intoArray(di, o1);
                t1r.sub(t3i).intoArray(dr, o3);
                t1i.add(t3r).intoArray(di, o3);
            }
        }
        if (bound < width) {
            ScalarStages.radix4(plan, 0, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * Radix 4, a later stage: inputs 1 to 3 twiddled. One loop over the butterflies
     * {@code j = q Ns + k}, whatever the split of n / 4 between q and k, so that the inner loop is long.
     */
    static void radix4(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 4;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] twn = plan.twNegIm[s];
        for (int l = 0; l < bound; l += V) {
            int k = 0;
            int out = dof + l; // row q Ns 4 + k of the output
            for (int j = 0; j < m; j++) {
                int t = k * 3;
                int i0 = so + j * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int o0 = out;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                int o3 = o2 + ns * ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector w1r = FloatVector.broadcast(S, twr[t]);
                FloatVector w1i = FloatVector.broadcast(S, twi[t]);
                FloatVector nw1 = FloatVector.broadcast(S, twn[t]);
                FloatVector p1r = FloatVector.fromArray(S, sr, i1);
                FloatVector p1i = FloatVector.fromArray(S, si, i1);
                FloatVector x1r = p1i.fma(nw1, p1r.mul(w1r));
                FloatVector x1i = p1r.fma(w1i, p1i.mul(w1r));
                FloatVector w2r = FloatVector.broadcast(S, twr[t + 1]);
                FloatVector w2i = FloatVector.broadcast(S, twi[t + 1]);
                FloatVector nw2 = FloatVector.broadcast(S, twn[t + 1]);
                FloatVector p2r = FloatVector.fromArray(S, sr, i2);
                FloatVector p2i = FloatVector.fromArray(S, si, i2);
                FloatVector x2r = p2i.fma(nw2, p2r.mul(w2r));
                FloatVector x2i = p2r.fma(w2i, p2i.mul(w2r));
                FloatVector w3r = FloatVector.broadcast(S, twr[t + 2]);
                FloatVector w3i = FloatVector.broadcast(S, twi[t + 2]);
                FloatVector nw3 = FloatVector.broadcast(S, twn[t + 2]);
                FloatVector p3r = FloatVector.fromArray(S, sr, i3);
                FloatVector p3i = FloatVector.fromArray(S, si, i3);
                FloatVector x3r = p3i.fma(nw3, p3r.mul(w3r));
                FloatVector x3i = p3r.fma(w3i, p3i.mul(w3r));
                FloatVector t0r = x0r.add(x2r);
                FloatVector t0i = x0i.add(x2i);
                FloatVector t1r = x0r.sub(x2r);
                FloatVector t1i = x0i.sub(x2i);
                FloatVector t2r = x1r.add(x3r);
                FloatVector t2i = x1i.add(x3i);
                FloatVector t3r = x1r.sub(x3r);
                FloatVector t3i = x1i.sub(x3i);
                t0r.add(t2r).intoArray(dr, o0);
                t0i.add(t2i).intoArray(di, o0);
                t0r.sub(t2r).intoArray(dr, o2);
                t0i.sub(t2i).intoArray(di, o2);
                t1r.add(t3i).intoArray(dr, o1);
                t1i.sub(t3r).intoArray(di, o1);
                t1r.sub(t3i).intoArray(dr, o3);
                t1i.add(t3r).intoArray(di, o3);
                if (++k == ns) {
                    k = 0;
                    out += (ns * 3 + 1) * ds;
                } else {
                    out += ds;
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix4(plan, s, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 5, first stage: weighted inputs, no twiddles. */
    static void radix5First(FftPlan plan, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 5;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int g0 = wo + q * ws + l;
                int g1 = g0 + m * ws;
                int g2 = g1 + m * ws;
                int g3 = g2 + m * ws;
                int g4 = g3 + m * ws;
                int o0 = dof + q * 5 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                int o3 = o2 + ds;
                int o4 = o3 + ds;
                FloatVector w0 = FloatVector.fromArray(S, wt, g0);
                FloatVector x0r = FloatVector.fromArray(S, sr, i0).mul(w0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0).mul(w0);
                FloatVector w1 = FloatVector.fromArray(S, wt, g1);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1).mul(w1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1).mul(w1);
                FloatVector w2 = FloatVector.fromArray(S, wt, g2);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2).mul(w2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2).mul(w2);
                FloatVector w3 = FloatVector.fromArray(S, wt, g3);
                FloatVector x3r = FloatVector.fromArray(S, sr, i3).mul(w3);
                FloatVector x3i = FloatVector.fromArray(S, si, i3).mul(w3);
                FloatVector w4 = FloatVector.fromArray(S, wt, g4);
                FloatVector x4r = FloatVector.fromArray(S, sr, i4).mul(w4);
                FloatVector x4i = FloatVector.fromArray(S, si, i4).mul(w4);
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
                FloatVector n1i = b2i.fma(S52, b1i.mul(S51));
                FloatVector n2r = b2r.fma(N_S51, b1r.mul(S52));
                FloatVector n2i = b2i.fma(N_S51, b1i.mul(S52));
                x0r.add(a1r).add(a2r).intoArray(dr, o0);
                x0i.add(a1i).add(a2i).intoArray(di, o0);
                m1r.add(n1i).intoArray(dr, o1);
                m1i.sub(n1r).intoArray(di, o1);
                m1r.sub(n1i).intoArray(dr, o4);
                m1i.add(n1r).intoArray(di, o4);
                m2r.add(n2i).intoArray(dr, o2);
                m2i.sub(n2r).intoArray(di, o2);
                m2r.sub(n2i).intoArray(dr, o3);
                m2i.add(n2r).intoArray(di, o3);
            }
        }
        if (bound < width) {
            ScalarStages.radix5(plan, 0, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 5, first stage without weights: {@link #radix5First} with every weight 1. */
    static void radix5Plain(FftPlan plan, float[] sr, float[] si, int so, int ss,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 5;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int o0 = dof + q * 5 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                int o3 = o2 + ds;
                int o4 = o3 + ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2);
                FloatVector x3r = FloatVector.fromArray(S, sr, i3);
                FloatVector x3i = FloatVector.fromArray(S, si, i3);
                FloatVector x4r = FloatVector.fromArray(S, sr, i4);
                FloatVector x4i = FloatVector.fromArray(S, si, i4);
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
                FloatVector n1i = b2i.fma(S52, b1i.mul(S51));
                FloatVector n2r = b2r.fma(N_S51, b1r.mul(S52));
                FloatVector n2i = b2i.fma(N_S51, b1i.mul(S52));
                x0r.add(a1r).add(a2r).intoArray(dr, o0);
                x0i.add(a1i).add(a2i).intoArray(di, o0);
                m1r.add(n1i).intoArray(dr, o1);
                m1i.sub(n1r).intoArray(di, o1);
                m1r.sub(n1i).intoArray(dr, o4);
                m1i.add(n1r).intoArray(di, o4);
                m2r.add(n2i).intoArray(dr, o2);
                m2i.sub(n2r).intoArray(di, o2);
                m2r.sub(n2i).intoArray(dr, o3);
                m2i.add(n2r).intoArray(di, o3);
            }
        }
        if (bound < width) {
            ScalarStages.radix5(plan, 0, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * Radix 5, a later stage: inputs 1 to 4 twiddled. One loop over the butterflies
     * {@code j = q Ns + k}, whatever the split of n / 5 between q and k, so that the inner loop is long.
     */
    static void radix5(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 5;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] twn = plan.twNegIm[s];
        for (int l = 0; l < bound; l += V) {
            int k = 0;
            int out = dof + l; // row q Ns 5 + k of the output
            for (int j = 0; j < m; j++) {
                int t = k * 4;
                int i0 = so + j * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int o0 = out;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                int o3 = o2 + ns * ds;
                int o4 = o3 + ns * ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector w1r = FloatVector.broadcast(S, twr[t]);
                FloatVector w1i = FloatVector.broadcast(S, twi[t]);
                FloatVector nw1 = FloatVector.broadcast(S, twn[t]);
                FloatVector p1r = FloatVector.fromArray(S, sr, i1);
                FloatVector p1i = FloatVector.fromArray(S, si, i1);
                FloatVector x1r = p1i.fma(nw1, p1r.mul(w1r));
                FloatVector x1i = p1r.fma(w1i, p1i.mul(w1r));
                FloatVector w2r = FloatVector.broadcast(S, twr[t + 1]);
                FloatVector w2i = FloatVector.broadcast(S, twi[t + 1]);
                FloatVector nw2 = FloatVector.broadcast(S, twn[t + 1]);
                FloatVector p2r = FloatVector.fromArray(S, sr, i2);
                FloatVector p2i = FloatVector.fromArray(S, si, i2);
                FloatVector x2r = p2i.fma(nw2, p2r.mul(w2r));
                FloatVector x2i = p2r.fma(w2i, p2i.mul(w2r));
                FloatVector w3r = FloatVector.broadcast(S, twr[t + 2]);
                FloatVector w3i = FloatVector.broadcast(S, twi[t + 2]);
                FloatVector nw3 = FloatVector.broadcast(S, twn[t + 2]);
                FloatVector p3r = FloatVector.fromArray(S, sr, i3);
                FloatVector p3i = FloatVector.fromArray(S, si, i3);
                FloatVector x3r = p3i.fma(nw3, p3r.mul(w3r));
                FloatVector x3i = p3r.fma(w3i, p3i.mul(w3r));
                FloatVector w4r = FloatVector.broadcast(S, twr[t + 3]);
                FloatVector w4i = FloatVector.broadcast(S, twi[t + 3]);
                FloatVector nw4 = FloatVector.broadcast(S, twn[t + 3]);
                FloatVector p4r = FloatVector.fromArray(S, sr, i4);
                FloatVector p4i = FloatVector.fromArray(S, si, i4);
                FloatVector x4r = p4i.fma(nw4, p4r.mul(w4r));
                FloatVector x4i = p4r.fma(w4i, p4i.mul(w4r));
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
                FloatVector n1i = b2i.fma(S52, b1i.mul(S51));
                FloatVector n2r = b2r.fma(N_S51, b1r.mul(S52));
                FloatVector n2i = b2i.fma(N_S51, b1i.mul(S52));
                x0r.add(a1r).add(a2r).intoArray(dr, o0);
                x0i.add(a1i).add(a2i).intoArray(di, o0);
                m1r.add(n1i).intoArray(dr, o1);
                m1i.sub(n1r).intoArray(di, o1);
                m1r.sub(n1i).intoArray(dr, o4);
                m1i.add(n1r).intoArray(di, o4);
                m2r.add(n2i).intoArray(dr, o2);
                m2i.sub(n2r).intoArray(di, o2);
                m2r.sub(n2i).intoArray(dr, o3);
                m2i.add(n2r).intoArray(di, o3);
                if (++k == ns) {
                    k = 0;
                    out += (ns * 4 + 1) * ds;
                } else {
                    out += ds;
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix5(plan, s, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 8, first stage: weighted inputs, no twiddles. */
    static void radix8First(FftPlan plan, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 8;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int i5 = i4 + m * ss;
                int i6 = i5 + m * ss;
                int i7 = i6 + m * ss;
                int g0 = wo + q * ws + l;
                int g1 = g0 + m * ws;
                int g2 = g1 + m * ws;
                int g3 = g2 + m * ws;
                int g4 = g3 + m * ws;
                int g5 = g4 + m * ws;
                int g6 = g5 + m * ws;
                int g7 = g6 + m * ws;
                int o0 = dof + q * 8 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                int o3 = o2 + ds;
                int o4 = o3 + ds;
                int o5 = o4 + ds;
                int o6 = o5 + ds;
                int o7 = o6 + ds;
                FloatVector w0 = FloatVector.fromArray(S, wt, g0);
                FloatVector x0r = FloatVector.fromArray(S, sr, i0).mul(w0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0).mul(w0);
                FloatVector w1 = FloatVector.fromArray(S, wt, g1);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1).mul(w1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1).mul(w1);
                FloatVector w2 = FloatVector.fromArray(S, wt, g2);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2).mul(w2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2).mul(w2);
                FloatVector w3 = FloatVector.fromArray(S, wt, g3);
                FloatVector x3r = FloatVector.fromArray(S, sr, i3).mul(w3);
                FloatVector x3i = FloatVector.fromArray(S, si, i3).mul(w3);
                FloatVector w4 = FloatVector.fromArray(S, wt, g4);
                FloatVector x4r = FloatVector.fromArray(S, sr, i4).mul(w4);
                FloatVector x4i = FloatVector.fromArray(S, si, i4).mul(w4);
                FloatVector w5 = FloatVector.fromArray(S, wt, g5);
                FloatVector x5r = FloatVector.fromArray(S, sr, i5).mul(w5);
                FloatVector x5i = FloatVector.fromArray(S, si, i5).mul(w5);
                FloatVector w6 = FloatVector.fromArray(S, wt, g6);
                FloatVector x6r = FloatVector.fromArray(S, sr, i6).mul(w6);
                FloatVector x6i = FloatVector.fromArray(S, si, i6).mul(w6);
                FloatVector w7 = FloatVector.fromArray(S, wt, g7);
                FloatVector x7r = FloatVector.fromArray(S, sr, i7).mul(w7);
                FloatVector x7i = FloatVector.fromArray(S, si, i7).mul(w7);
                FloatVector a0r = x0r.add(x4r);
                FloatVector a0i = x0i.add(x4i);
                FloatVector b0r = x0r.sub(x4r);
                FloatVector b0i = x0i.sub(x4i);
                FloatVector a1r = x1r.add(x5r);
                FloatVector a1i = x1i.add(x5i);
                FloatVector b1r = x1r.sub(x5r);
                FloatVector b1i = x1i.sub(x5i);
                FloatVector a2r = x2r.add(x6r);
                FloatVector a2i = x2i.add(x6i);
                FloatVector b2r = x2r.sub(x6r);
                FloatVector b2i = x2i.sub(x6i);
                FloatVector a3r = x3r.add(x7r);
                FloatVector a3i = x3i.add(x7i);
                FloatVector b3r = x3r.sub(x7r);
                FloatVector b3i = x3i.sub(x7i);
                FloatVector t0r = a0r.add(a2r);
                FloatVector t0i = a0i.add(a2i);
                FloatVector t1r = a0r.sub(a2r);
                FloatVector t1i = a0i.sub(a2i);
                FloatVector t2r = a1r.add(a3r);
                FloatVector t2i = a1i.add(a3i);
                FloatVector t3r = a1r.sub(a3r);
                FloatVector t3i = a1i.sub(a3i);
                t0r.add(t2r).intoArray(dr, o0);
                t0i.add(t2i).intoArray(di, o0);
                t0r.sub(t2r).intoArray(dr, o4);
                t0i.sub(t2i).intoArray(di, o4);
                t1r.add(t3i).intoArray(dr, o2);
                t1i.sub(t3r).intoArray(di, o2);
                t1r.sub(t3i).intoArray(dr, o6);
                t1i.add(t3r).intoArray(di, o6);
                FloatVector c1r = b1r.add(b1i).mul(H);
                FloatVector c1i = b1i.sub(b1r).mul(H);
                FloatVector c3r = b3i.sub(b3r).mul(H);
                FloatVector c3i = b3r.add(b3i).mul(NH);
                FloatVector u0r = b0r.add(b2i);
                FloatVector u0i = b0i.sub(b2r);
                FloatVector u1r = b0r.sub(b2i);
                FloatVector u1i = b0i.add(b2r);
                FloatVector u2r = c1r.add(c3r);
                FloatVector u2i = c1i.add(c3i);
                FloatVector u3r = c1r.sub(c3r);
                FloatVector u3i = c1i.sub(c3i);
                u0r.add(u2r).intoArray(dr, o1);
                u0i.add(u2i).intoArray(di, o1);
                u0r.sub(u2r).intoArray(dr, o5);
                u0i.sub(u2i).intoArray(di, o5);
                u1r.add(u3i).intoArray(dr, o3);
                u1i.sub(u3r).intoArray(di, o3);
                u1r.sub(u3i).intoArray(dr, o7);
                u1i.add(u3r).intoArray(di, o7);
            }
        }
        if (bound < width) {
            ScalarStages.radix8(plan, 0, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width);
        }
    }

    /** Radix 8, first stage without weights: {@link #radix8First} with every weight 1. */
    static void radix8Plain(FftPlan plan, float[] sr, float[] si, int so, int ss,
                            float[] dr, float[] di, int dof, int ds, int width) {
        int m = plan.n / 8;
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {
            for (int q = 0; q < m; q++) {
                int i0 = so + q * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int i5 = i4 + m * ss;
                int i6 = i5 + m * ss;
                int i7 = i6 + m * ss;
                int o0 = dof + q * 8 * ds + l;
                int o1 = o0 + ds;
                int o2 = o1 + ds;
                int o3 = o2 + ds;
                int o4 = o3 + ds;
                int o5 = o4 + ds;
                int o6 = o5 + ds;
                int o7 = o6 + ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector x1r = FloatVector.fromArray(S, sr, i1);
                FloatVector x1i = FloatVector.fromArray(S, si, i1);
                FloatVector x2r = FloatVector.fromArray(S, sr, i2);
                FloatVector x2i = FloatVector.fromArray(S, si, i2);
                FloatVector x3r = FloatVector.fromArray(S, sr, i3);
                FloatVector x3i = FloatVector.fromArray(S, si, i3);
                FloatVector x4r = FloatVector.fromArray(S, sr, i4);
                FloatVector x4i = FloatVector.fromArray(S, si, i4);
                FloatVector x5r = FloatVector.fromArray(S, sr, i5);
                FloatVector x5i = FloatVector.fromArray(S, si, i5);
                FloatVector x6r = FloatVector.fromArray(S, sr, i6);
                FloatVector x6i = FloatVector.fromArray(S, si, i6);
                FloatVector x7r = FloatVector.fromArray(S, sr, i7);
                FloatVector x7i = FloatVector.fromArray(S, si, i7);
                FloatVector a0r = x0r.add(x4r);
                FloatVector a0i = x0i.add(x4i);
                FloatVector b0r = x0r.sub(x4r);
                FloatVector b0i = x0i.sub(x4i);
                FloatVector a1r = x1r.add(x5r);
                FloatVector a1i = x1i.add(x5i);
                FloatVector b1r = x1r.sub(x5r);
                FloatVector b1i = x1i.sub(x5i);
                FloatVector a2r = x2r.add(x6r);
                FloatVector a2i = x2i.add(x6i);
                FloatVector b2r = x2r.sub(x6r);
                FloatVector b2i = x2i.sub(x6i);
                FloatVector a3r = x3r.add(x7r);
                FloatVector a3i = x3i.add(x7i);
                FloatVector b3r = x3r.sub(x7r);
                FloatVector b3i = x3i.sub(x7i);
                FloatVector t0r = a0r.add(a2r);
                FloatVector t0i = a0i.add(a2i);
                FloatVector t1r = a0r.sub(a2r);
                FloatVector t1i = a0i.sub(a2i);
                FloatVector t2r = a1r.add(a3r);
                FloatVector t2i = a1i.add(a3i);
                FloatVector t3r = a1r.sub(a3r);
                FloatVector t3i = a1i.sub(a3i);
                t0r.add(t2r).intoArray(dr, o0);
                t0i.add(t2i).intoArray(di, o0);
                t0r.sub(t2r).intoArray(dr, o4);
                t0i.sub(t2i).intoArray(di, o4);
                t1r.add(t3i).intoArray(dr, o2);
                t1i.sub(t3r).intoArray(di, o2);
                t1r.sub(t3i).intoArray(dr, o6);
                t1i.add(t3r).intoArray(di, o6);
                FloatVector c1r = b1r.add(b1i).mul(H);
                FloatVector c1i = b1i.sub(b1r).mul(H);
                FloatVector c3r = b3i.sub(b3r).mul(H);
                FloatVector c3i = b3r.add(b3i).mul(NH);
                FloatVector u0r = b0r.add(b2i);
                FloatVector u0i = b0i.sub(b2r);
                FloatVector u1r = b0r.sub(b2i);
                FloatVector u1i = b0i.add(b2r);
                FloatVector u2r = c1r.add(c3r);
                FloatVector u2i = c1i.add(c3i);
                FloatVector u3r = c1r.sub(c3r);
                FloatVector u3i = c1i.sub(c3i);
                u0r.add(u2r).intoArray(dr, o1);
                u0i.add(u2i).intoArray(di, o1);
                u0r.sub(u2r).intoArray(dr, o5);
                u0i.sub(u2i).intoArray(di, o5);
                u1r.add(u3i).intoArray(dr, o3);
                u1i.sub(u3r).intoArray(di, o3);
                u1r.sub(u3i).intoArray(dr, o7);
                u1i.add(u3r).intoArray(di, o7);
            }
        }
        if (bound < width) {
            ScalarStages.radix8(plan, 0, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * Radix 8, a later stage: inputs 1 to 7 twiddled. One loop over the butterflies
     * {@code j = q Ns + k}, whatever the split of n / 8 between q and k, so that the inner loop is long.
     */
    static void radix8(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {
        int ns = plan.spans[s];
        int m = plan.n / 8;
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] twn = plan.twNegIm[s];
        for (int l = 0; l < bound; l += V) {
            int k = 0;
            int out = dof + l; // row q Ns 8 + k of the output
            for (int j = 0; j < m; j++) {
                int t = k * 7;
                int i0 = so + j * ss + l;
                int i1 = i0 + m * ss;
                int i2 = i1 + m * ss;
                int i3 = i2 + m * ss;
                int i4 = i3 + m * ss;
                int i5 = i4 + m * ss;
                int i6 = i5 + m * ss;
                int i7 = i6 + m * ss;
                int o0 = out;
                int o1 = o0 + ns * ds;
                int o2 = o1 + ns * ds;
                int o3 = o2 + ns * ds;
                int o4 = o3 + ns * ds;
                int o5 = o4 + ns * ds;
                int o6 = o5 + ns * ds;
                int o7 = o6 + ns * ds;
                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);
                FloatVector w1r = FloatVector.broadcast(S, twr[t]);
                FloatVector w1i = FloatVector.broadcast(S, twi[t]);
                FloatVector nw1 = FloatVector.broadcast(S, twn[t]);
                FloatVector p1r = FloatVector.fromArray(S, sr, i1);
                FloatVector p1i = FloatVector.fromArray(S, si, i1);
                FloatVector x1r = p1i.fma(nw1, p1r.mul(w1r));
                FloatVector x1i = p1r.fma(w1i, p1i.mul(w1r));
                FloatVector w2r = FloatVector.broadcast(S, twr[t + 1]);
                FloatVector w2i = FloatVector.broadcast(S, twi[t + 1]);
                FloatVector nw2 = FloatVector.broadcast(S, twn[t + 1]);
                FloatVector p2r = FloatVector.fromArray(S, sr, i2);
                FloatVector p2i = FloatVector.fromArray(S, si, i2);
                FloatVector x2r = p2i.fma(nw2, p2r.mul(w2r));
                FloatVector x2i = p2r.fma(w2i, p2i.mul(w2r));
                FloatVector w3r = FloatVector.broadcast(S, twr[t + 2]);
                FloatVector w3i = FloatVector.broadcast(S, twi[t + 2]);
                FloatVector nw3 = FloatVector.broadcast(S, twn[t + 2]);
                FloatVector p3r = FloatVector.fromArray(S, sr, i3);
                FloatVector p3i = FloatVector.fromArray(S, si, i3);
                FloatVector x3r = p3i.fma(nw3, p3r.mul(w3r));
                FloatVector x3i = p3r.fma(w3i, p3i.mul(w3r));
                FloatVector w4r = FloatVector.broadcast(S, twr[t + 3]);
                FloatVector w4i = FloatVector.broadcast(S, twi[t + 3]);
                FloatVector nw4 = FloatVector.broadcast(S, twn[t + 3]);
                FloatVector p4r = FloatVector.fromArray(S, sr, i4);
                FloatVector p4i = FloatVector.fromArray(S, si, i4);
                FloatVector x4r = p4i.fma(nw4, p4r.mul(w4r));
                FloatVector x4i = p4r.fma(w4i, p4i.mul(w4r));
                FloatVector w5r = FloatVector.broadcast(S, twr[t + 4]);
                FloatVector w5i = FloatVector.broadcast(S, twi[t + 4]);
                FloatVector nw5 = FloatVector.broadcast(S, twn[t + 4]);
                FloatVector p5r = FloatVector.fromArray(S, sr, i5);
                FloatVector p5i = FloatVector.fromArray(S, si, i5);
                FloatVector x5r = p5i.fma(nw5, p5r.mul(w5r));
                FloatVector x5i = p5r.fma(w5i, p5i.mul(w5r));
                FloatVector w6r = FloatVector.broadcast(S, twr[t + 5]);
                FloatVector w6i = FloatVector.broadcast(S, twi[t + 5]);
                FloatVector nw6 = FloatVector.broadcast(S, twn[t + 5]);
                FloatVector p6r = FloatVector.fromArray(S, sr, i6);
                FloatVector p6i = FloatVector.fromArray(S, si, i6);
                FloatVector x6r = p6i.fma(nw6, p6r.mul(w6r));
                FloatVector x6i = p6r.fma(w6i, p6i.mul(w6r));
                FloatVector w7r = FloatVector.broadcast(S, twr[t + 6]);
                FloatVector w7i = FloatVector.broadcast(S, twi[t + 6]);
                FloatVector nw7 = FloatVector.broadcast(S, twn[t + 6]);
                FloatVector p7r = FloatVector.fromArray(S, sr, i7);
                FloatVector p7i = FloatVector.fromArray(S, si, i7);
                FloatVector x7r = p7i.fma(nw7, p7r.mul(w7r));
                FloatVector x7i = p7r.fma(w7i, p7i.mul(w7r));
                FloatVector a0r = x0r.add(x4r);
                FloatVector a0i = x0i.add(x4i);
                FloatVector b0r = x0r.sub(x4r);
                FloatVector b0i = x0i.sub(x4i);
                FloatVector a1r = x1r.add(x5r);
                FloatVector a1i = x1i.add(x5i);
                FloatVector b1r = x1r.sub(x5r);
                FloatVector b1i = x1i.sub(x5i);
                FloatVector a2r = x2r.add(x6r);
                FloatVector a2i = x2i.add(x6i);
                FloatVector b2r = x2r.sub(x6r);
                FloatVector b2i = x2i.sub(x6i);
                FloatVector a3r = x3r.add(x7r);
                FloatVector a3i = x3i.add(x7i);
                FloatVector b3r = x3r.sub(x7r);
                FloatVector b3i = x3i.sub(x7i);
                FloatVector t0r = a0r.add(a2r);
                FloatVector t0i = a0i.add(a2i);
                FloatVector t1r = a0r.sub(a2r);
                FloatVector t1i = a0i.sub(a2i);
                FloatVector t2r = a1r.add(a3r);
                FloatVector t2i = a1i.add(a3i);
                FloatVector t3r = a1r.sub(a3r);
                FloatVector t3i = a1i.sub(a3i);
                t0r.add(t2r).intoArray(dr, o0);
                t0i.add(t2i).intoArray(di, o0);
                t0r.sub(t2r).intoArray(dr, o4);
                t0i.sub(t2i).intoArray(di, o4);
                t1r.add(t3i).intoArray(dr, o2);
                t1i.sub(t3r).intoArray(di, o2);
                t1r.sub(t3i).intoArray(dr, o6);
                t1i.add(t3r).intoArray(di, o6);
                FloatVector c1r = b1r.add(b1i).mul(H);
                FloatVector c1i = b1i.sub(b1r).mul(H);
                FloatVector c3r = b3i.sub(b3r).mul(H);
                FloatVector c3i = b3r.add(b3i).mul(NH);
                FloatVector u0r = b0r.add(b2i);
                FloatVector u0i = b0i.sub(b2r);
                FloatVector u1r = b0r.sub(b2i);
                FloatVector u1i = b0i.add(b2r);
                FloatVector u2r = c1r.add(c3r);
                FloatVector u2i = c1i.add(c3i);
                FloatVector u3r = c1r.sub(c3r);
                FloatVector u3i = c1i.sub(c3i);
                u0r.add(u2r).intoArray(dr, o1);
                u0i.add(u2i).intoArray(di, o1);
                u0r.sub(u2r).intoArray(dr, o5);
                u0i.sub(u2i).intoArray(di, o5);
                u1r.add(u3i).intoArray(dr, o3);
                u1i.sub(u3r).intoArray(di, o3);
                u1r.sub(u3i).intoArray(dr, o7);
                u1i.add(u3r).intoArray(di, o7);
                if (++k == ns) {
                    k = 0;
                    out += (ns * 7 + 1) * ds;
                } else {
                    out += ds;
                }
            }
        }
        if (bound < width) {
            ScalarStages.radix8(plan, s, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }
    }

    /**
     * {@link ScalarStages#generic} on vectors; {@code tr} and {@code ti} hold at least {@code p V}
     * floats (row t of the butterfly's temporaries at {@code t V}).
     */
    static void generic(FftPlan plan, int s, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
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
                int j = q * ns + k;
                int o0 = dof + (q * ns * p + k) * ds;
                for (int l = 0; l < bound; l += V) {
                    FloatVector g0 = FloatVector.fromArray(S, wt, wo + j * ws + l);
                    FloatVector x0r = FloatVector.fromArray(S, sr, so + j * ss + l).mul(g0);
                    FloatVector x0i = FloatVector.fromArray(S, si, so + j * ss + l).mul(g0);
                    FloatVector y0r = x0r;
                    FloatVector y0i = x0i;
                    for (int r = 1; r <= h; r++) {
                        int i = so + (j + r * m) * ss + l;
                        FloatVector g = FloatVector.fromArray(S, wt, wo + (j + r * m) * ws + l);
                        FloatVector ar = FloatVector.fromArray(S, sr, i).mul(g);
                        FloatVector ai = FloatVector.fromArray(S, si, i).mul(g);
                        FloatVector wr = FloatVector.broadcast(S, twr[t + r - 1]);
                        FloatVector wi = FloatVector.broadcast(S, twi[t + r - 1]);
                        FloatVector xr = ai.fma(wi.neg(), ar.mul(wr));
                        FloatVector xi = ar.fma(wi, ai.mul(wr));
                        i = so + (j + (p - r) * m) * ss + l;
                        g = FloatVector.fromArray(S, wt, wo + (j + (p - r) * m) * ws + l);
                        ar = FloatVector.fromArray(S, sr, i).mul(g);
                        ai = FloatVector.fromArray(S, si, i).mul(g);
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
                    for (int e = 1; e <= h; e++) {
                        FloatVector mr = x0r;
                        FloatVector mi = x0i;
                        FloatVector nr = FloatVector.zero(S);
                        FloatVector ni = FloatVector.zero(S);
                        for (int r = 1; r <= h; r++) {
                            int c = (int) ((long) r * e % p);
                            FloatVector cv = FloatVector.broadcast(S, cos[c]);
                            FloatVector sv = FloatVector.broadcast(S, sin[c]);
                            mr = FloatVector.fromArray(S, tr, (2 * r - 1) * V).fma(cv, mr);
                            mi = FloatVector.fromArray(S, ti, (2 * r - 1) * V).fma(cv, mi);
                            nr = FloatVector.fromArray(S, tr, 2 * r * V).fma(sv, nr);
                            ni = FloatVector.fromArray(S, ti, 2 * r * V).fma(sv, ni);
                        }
                        mr.add(ni).intoArray(dr, o0 + e * ns * ds + l);
                        mi.sub(nr).intoArray(di, o0 + e * ns * ds + l);
                        mr.sub(ni).intoArray(dr, o0 + (p - e) * ns * ds + l);
                        mi.add(nr).intoArray(di, o0 + (p - e) * ns * ds + l);
                    }
                }
            }
        }
        if (bound < width) {
            ScalarStages.generic(plan, s, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width, tr, ti);
        }
    }
}
