"""L2-regularised squared-hinge linear SVM, one-vs-rest, all classes at once, solved in the primal by
Newton-CG (as liblinear's TRON solver for the same objective: bias as an extra feature of value 1,
regularised). Objective per class k: 0.5|w_k|^2 + C sum_i max(0, 1 - y_ik x_i.w_k)^2. This is exactly
LinearSVC's objective (loss squared_hinge, intercept_scaling 1); used where liblinear's float64 copy of a
60,000-row dense matrix would not fit in memory. X: float32 (n, d) without the bias column."""
import time
import numpy as np


def fit(X, y, C, eps=0.001, max_outer=50, max_cg=100, verbose=True):
    n, d = X.shape
    classes = np.unique(y)
    Y = np.where(y[:, None] == classes[None, :], 1.0, -1.0).astype(np.float32)
    K = len(classes)
    W = np.zeros((d, K), np.float32); b = np.zeros(K, np.float32)

    def mv(Wm, bm):
        return X @ Wm + bm

    def rmv(R):
        return X.T @ R, R.sum(0)

    M = mv(W, b)
    def fval(M, W, b):
        r = np.maximum(0, 1 - Y * M)
        return 0.5 * ((W.astype(np.float64) ** 2).sum() + (b.astype(np.float64) ** 2).sum()) + C * (r.astype(np.float64) ** 2).sum()
    f = fval(M, W, b)
    g0n = None; t0 = time.time()
    for it in range(max_outer):
        I = (1 - Y * M) > 0
        R = (I * (M - Y)).astype(np.float32)
        gW, gb = rmv(R); gW = W + 2 * C * gW; gb = b + 2 * C * gb
        gn = np.sqrt((gW.astype(np.float64) ** 2).sum() + (gb ** 2).sum())
        if g0n is None: g0n = gn
        if verbose: print(f'  newton {it} f={f:.6g} |g|/|g0|={gn / g0n:.3g} {time.time() - t0:.0f}s', flush=True)
        if gn <= eps * g0n: break
        # CG on H s = -g, H v = v + 2C X^T (I * X v)
        sW = np.zeros_like(W); sb = np.zeros_like(b)
        rW, rb = -gW, -gb; pW, pb = rW.copy(), rb.copy()
        rr = (rW.astype(np.float64) ** 2).sum() + (rb ** 2).sum()
        for k in range(max_cg):
            Q = (I * mv(pW, pb)).astype(np.float32)
            hW, hb = rmv(Q); hW = pW + 2 * C * hW; hb = pb + 2 * C * hb
            alpha = rr / ((pW.astype(np.float64) * hW).sum() + (pb * hb).sum())
            sW += alpha * pW; sb += alpha * pb
            rW -= alpha * hW; rb -= alpha * hb
            rr2 = (rW.astype(np.float64) ** 2).sum() + (rb ** 2).sum()
            if np.sqrt(rr2) <= 0.1 * gn: break
            pW = rW + (rr2 / rr) * pW; pb = rb + (rr2 / rr) * pb; rr = rr2
        Ms = mv(sW, sb)
        step = 1.0
        while True:   # backtracking (Armijo) line search
            Mn = M + step * Ms; Wn = W + step * sW; bn = b + step * sb
            fn = fval(Mn, Wn, bn)
            if fn <= f + 0.01 * step * ((gW.astype(np.float64) * sW).sum() + (gb * sb).sum()) or step < 1e-4:
                break
            step *= 0.5
        W, b, M, f = Wn, bn, Mn, fn
    return classes, W, b


def predict(model, X):
    classes, W, b = model
    return classes[np.argmax(X @ W + b, axis=1)]
