# Writes filters/src/main/java/org/convkit/filters/fft/VectorStages.java (run from the repository root:
#   python3 filters/gen_vector_stages.py). Generates VectorStages.java: the butterflies are written once here and emitted in both the
# first-stage (weighted, untwiddled) and later-stage (twiddled) loops.
CORE = {
2: """
                x0r.add(x1r).intoArray(dr, o0);
                x0i.add(x1i).intoArray(di, o0);
                x0r.sub(x1r).intoArray(dr, o1);
                x0i.sub(x1i).intoArray(di, o1);""",
3: """
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
                er.fma(P_S3, mi).intoArray(di, o2);""",
4: """
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
                t1i.add(t3r).intoArray(di, o3);""",
5: """
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
                m2i.add(n2r).intoArray(di, o3);""",
8: """
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
                u1i.add(u3r).intoArray(di, o7);""",
}

def first(R):
    idx_in = "\n".join(f"                int i{r} = i{r-1} + m * ss;" for r in range(1, R))
    idx_w = "\n".join(f"                int g{r} = g{r-1} + m * ws;" for r in range(1, R))
    idx_o = "\n".join(f"                int o{r} = o{r-1} + ds;" for r in range(1, R))
    loads = []
    for r in range(R):
        loads.append(f"""                FloatVector w{r} = FloatVector.fromArray(S, wt, g{r});
                FloatVector x{r}r = FloatVector.fromArray(S, sr, i{r}).mul(w{r});
                FloatVector x{r}i = FloatVector.fromArray(S, si, i{r}).mul(w{r});""")
    return f"""
    /** Radix {R}, first stage: weighted inputs, no twiddles. */
    static void radix{R}First(FftPlan plan, float[] sr, float[] si, int so, int ss, float[] wt, int wo, int ws,
                            float[] dr, float[] di, int dof, int ds, int width) {{
        int m = plan.n / {R};
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {{
            for (int q = 0; q < m; q++) {{
                int i0 = so + q * ss + l;
{idx_in}
                int g0 = wo + q * ws + l;
{idx_w}
                int o0 = dof + q * {R} * ds + l;
{idx_o}
{chr(10).join(loads)}{CORE[R]}
            }}
        }}
        if (bound < width) {{
            ScalarStages.radix{R}(plan, 0, sr, si, so, ss, wt, wo, ws, dr, di, dof, ds, bound, width);
        }}
    }}
"""

def plain(R):
    idx_in = "\n".join(f"                int i{r} = i{r-1} + m * ss;" for r in range(1, R))
    idx_o = "\n".join(f"                int o{r} = o{r-1} + ds;" for r in range(1, R))
    loads = []
    for r in range(R):
        loads.append(f"""                FloatVector x{r}r = FloatVector.fromArray(S, sr, i{r});
                FloatVector x{r}i = FloatVector.fromArray(S, si, i{r});""")
    return f"""
    /** Radix {R}, first stage without weights: {{@link #radix{R}First}} with every weight 1. */
    static void radix{R}Plain(FftPlan plan, float[] sr, float[] si, int so, int ss,
                            float[] dr, float[] di, int dof, int ds, int width) {{
        int m = plan.n / {R};
        int bound = S.loopBound(width);
        for (int l = 0; l < bound; l += V) {{
            for (int q = 0; q < m; q++) {{
                int i0 = so + q * ss + l;
{idx_in}
                int o0 = dof + q * {R} * ds + l;
{idx_o}
{chr(10).join(loads)}{CORE[R]}
            }}
        }}
        if (bound < width) {{
            ScalarStages.radix{R}(plan, 0, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }}
    }}
"""

def later(R):
    tw = []
    for r in range(1, R):
        tw.append(f"""                FloatVector w{r}r = FloatVector.broadcast(S, twr[t + {r-1}]);
                FloatVector w{r}i = FloatVector.broadcast(S, twi[t + {r-1}]);
                FloatVector nw{r} = FloatVector.broadcast(S, twn[t + {r-1}]);""")
    idx_in = "\n".join(f"                int i{r} = i{r-1} + m * ss;" for r in range(1, R))
    idx_o = "\n".join(f"                int o{r} = o{r-1} + ns * ds;" for r in range(1, R))
    loads = ["""                FloatVector x0r = FloatVector.fromArray(S, sr, i0);
                FloatVector x0i = FloatVector.fromArray(S, si, i0);"""]
    for r in range(1, R):
        loads.append(tw[r - 1] + "\n" + f"""                FloatVector p{r}r = FloatVector.fromArray(S, sr, i{r});
                FloatVector p{r}i = FloatVector.fromArray(S, si, i{r});
                FloatVector x{r}r = p{r}i.fma(nw{r}, p{r}r.mul(w{r}r));
                FloatVector x{r}i = p{r}r.fma(w{r}i, p{r}i.mul(w{r}r));""")
    return f"""
    /**
     * Radix {R}, a later stage: inputs 1 to {R-1} twiddled. One loop over the butterflies
     * {{@code j = q Ns + k}}, whatever the split of n / {R} between q and k, so that the inner loop is long.
     */
    static void radix{R}(FftPlan plan, int s, float[] sr, float[] si, int so, int ss,
                       float[] dr, float[] di, int dof, int ds, int width) {{
        int ns = plan.spans[s];
        int m = plan.n / {R};
        int bound = S.loopBound(width);
        float[] twr = plan.twRe[s];
        float[] twi = plan.twIm[s];
        float[] twn = plan.twNegIm[s];
        for (int l = 0; l < bound; l += V) {{
            int k = 0;
            int out = dof + l; // row q Ns {R} + k of the output
            for (int j = 0; j < m; j++) {{
                int t = k * {R-1};
                int i0 = so + j * ss + l;
{idx_in}
                int o0 = out;
{idx_o}
{chr(10).join(loads)}{CORE[R]}
                if (++k == ns) {{
                    k = 0;
                    out += (ns * {R - 1} + 1) * ds;
                }} else {{
                    out += ds;
                }}
            }}
        }}
        if (bound < width) {{
            ScalarStages.radix{R}(plan, s, sr, si, so, ss, null, 0, 0, dr, di, dof, ds, bound, width);
        }}
    }}
"""

head = '''package org.convkit.filters.fft;

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
'''

generic = '''
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
'''
out = head
for R in (2, 3, 4, 5, 8):
    out += first(R) + plain(R) + later(R)
out += generic
out = out.replace('[t + 0]', '[t]')
import sys
open(sys.argv[1] if len(sys.argv) > 1 else 'filters/src/main/java/org/convkit/filters/fft/VectorStages.java', 'w').write(out)
